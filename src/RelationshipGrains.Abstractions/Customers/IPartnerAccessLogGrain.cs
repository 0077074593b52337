namespace RelationshipGrains.Customers;

/// <summary>
/// Partners' reads of one customer's data (keyed by the customer id), the latest <see cref="Size"/> kept. The customer
/// grain writes it before it hands the data over; channel apps read it through
/// <see cref="ICustomerGrain.ListPartnerAccessAsync"/>. Not for grain clients.
/// </summary>
[Alias("rg.IPartnerAccessLogGrain")]
public interface IPartnerAccessLogGrain : IGrainWithStringKey
{
    /// <summary>How many reads are kept.</summary>
    public const int Size = 1_000;

    /// <summary>Records one read, durable when the call returns.</summary>
    /// <param name="access">Which partner read what, when, and under which grant.</param>
    [Alias("Record")]
    Task RecordAsync(PartnerAccess access);

    /// <summary>The reads kept, newest first.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<PartnerAccess>> ListAsync();

    /// <summary>Forgets every read, for the customer's erasure; storage keeps none of them.</summary>
    [Alias("Erase")]
    Task EraseAsync();
}
