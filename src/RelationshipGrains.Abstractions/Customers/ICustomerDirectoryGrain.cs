namespace RelationshipGrains.Customers;

/// <summary>
/// One shard of the customer directory (key 0 to <see cref="CustomerDirectory.Shards"/> - 1). Customer grains keep
/// their card in the shard <see cref="CustomerDirectory.ShardOf"/> names; a search asks every shard.
/// </summary>
[Alias("rg.ICustomerDirectoryGrain")]
public interface ICustomerDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces the customer's card.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(CustomerCard card);

    /// <summary>Forgets the customer (erasure); forgetting one that is not listed does nothing.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string customerId);

    /// <summary>Cards whose id, name, contact or tag contains <paramref name="query"/> (ignoring case), best first.</summary>
    [Alias("Search"), Orleans.Concurrency.ReadOnly]
    [ChannelSurface]
    Task<IReadOnlyList<CustomerCard>> SearchAsync(string query, int limit);
}
