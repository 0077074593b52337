namespace RelationshipGrains.Customers;

/// <summary>
/// One shard of the customer directory (key 0 to <see cref="CustomerDirectory.Shards"/> - 1). Customer grains keep
/// their card in the shard <see cref="CustomerDirectory.ShardOf"/> names; a search asks every shard.
/// </summary>
[Alias("rg.ICustomerDirectoryGrain")]
public interface ICustomerDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces the customer's card.</summary>
    /// <param name="card">The card; one older (by <c>UpdatedAt</c>) than the card held changes nothing.</param>
    /// <exception cref="Errors.RelationshipValidationException">The card's customer id is malformed.</exception>
    [Alias("Upsert")]
    Task UpsertAsync(CustomerCard card);

    /// <summary>Forgets the customer (erasure); forgetting one that is not listed does nothing.</summary>
    /// <param name="customerId">The customer to forget.</param>
    [Alias("Remove")]
    Task RemoveAsync(string customerId);

    /// <summary>Cards whose id, name, contact or tag contains <paramref name="query"/> (ignoring case), best first.</summary>
    /// <param name="query">What to look for, 2-100 characters after trimming.</param>
    /// <param name="limit">Most cards to return, 1-50.</param>
    /// <exception cref="Errors.RelationshipValidationException">The query or the limit is out of range (field <c>q</c> or <c>limit</c>).</exception>
    [Alias("Search"), Orleans.Concurrency.ReadOnly]
    [ChannelSurface]
    Task<IReadOnlyList<CustomerCard>> SearchAsync(string query, int limit);
}
