using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// One archived page of a customer's timeline: a fixed run of sequences, written once and then only read.
/// Key: <c>{customerId}/{pageNumber}</c>; page n holds sequences n*size+1 to (n+1)*size.
/// </summary>
[Alias("rg.ITimelineArchivePageGrain")]
public interface ITimelineArchivePageGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the page; storing the same page again changes nothing, so a retried archive step is safe, and other
    /// entries replace what it held (the customer's window is the copy to keep).
    /// </summary>
    [Alias("Store")]
    Task StoreAsync(IReadOnlyList<TimelineEntry> entries);

    /// <summary>Deletes the page (the customer was erased); deleting it again changes nothing.</summary>
    [Alias("Erase")]
    Task EraseAsync();

    /// <summary>The page's entries in sequence order (empty when never stored).</summary>
    [Alias("Get")]
    Task<IReadOnlyList<TimelineEntry>> GetAsync();
}
