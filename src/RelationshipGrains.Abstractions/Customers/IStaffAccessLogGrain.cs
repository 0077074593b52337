namespace RelationshipGrains.Customers;

/// <summary>
/// Who among the staff looked at or changed one customer's data (keyed by the customer id), the latest
/// <see cref="Size"/> kept. The HTTP API writes it for signed-in people only: API keys belong to machines, and
/// partners' reads have a log of their own (<see cref="IPartnerAccessLogGrain"/>). Not for grain clients.
/// </summary>
[Alias("rg.IStaffAccessLogGrain")]
public interface IStaffAccessLogGrain : IGrainWithStringKey
{
    /// <summary>How many accesses are kept.</summary>
    public const int Size = 1_000;

    /// <summary>Records one access, durable when the call returns; the same person doing the same again within a minute is not recorded twice.</summary>
    /// <param name="access">Who looked or changed what, and when.</param>
    [Alias("Record")]
    Task RecordAsync(StaffAccess access);

    /// <summary>The accesses kept, newest first.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<StaffAccess>> ListAsync();

    /// <summary>Forgets every access, for the customer's erasure; storage keeps none of them.</summary>
    [Alias("Erase")]
    Task EraseAsync();
}
