namespace RelationshipGrains.Customers;

/// <summary>
/// Who among the staff looked at or changed one customer's data (keyed by the customer id), the latest
/// <see cref="Size"/> kept. Written by the HTTP API for signed-in people; API keys are machines, whose partner reads
/// the customer's own log records. Not for grain clients.
/// </summary>
[Alias("rg.IStaffAccessLogGrain")]
public interface IStaffAccessLogGrain : IGrainWithStringKey
{
    /// <summary>How many accesses are kept.</summary>
    public const int Size = 1_000;

    /// <summary>Records one access; durable when the call returns.</summary>
    [Alias("Record")]
    Task RecordAsync(StaffAccess access);

    /// <summary>The accesses kept, newest first.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<StaffAccess>> ListAsync();

    /// <summary>Forgets every access, for the customer's erasure; storage keeps none of them.</summary>
    [Alias("Erase")]
    Task EraseAsync();
}
