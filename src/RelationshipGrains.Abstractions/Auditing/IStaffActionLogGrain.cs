using RelationshipGrains.Customers;

namespace RelationshipGrains.Auditing;

/// <summary>
/// What signed-in members of staff changed outside customers' own routes (communities, ideas, partners, value chains,
/// webhooks, the back office), the latest <see cref="Size"/> kept, for operators. One grain (key 0): people change
/// things at a human pace. A change on a customer's routes is in that customer's <see cref="IStaffAccessLogGrain"/>
/// instead, so it goes with the customer's erasure, but for the erasure itself, which is here too; one elsewhere that
/// names a customer in its route (a community membership) is in both. Here the customer is named by the route's
/// placeholder. The HTTP API writes it; not for grain clients.
/// </summary>
[Alias("rg.IStaffActionLogGrain")]
public interface IStaffActionLogGrain : IGrainWithIntegerKey
{
    /// <summary>How many actions are kept.</summary>
    public const int Size = 10_000;

    /// <summary>Records one action, durable when the call returns; every action is recorded, the same one again too.</summary>
    /// <param name="action">Who changed what (in words, followed by the request), and when.</param>
    [Alias("Record")]
    Task RecordAsync(StaffAccess action);

    /// <summary>The actions kept, newest first.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<StaffAccess>> ListAsync();
}
