namespace RelationshipGrains.Customers;

/// <summary>
/// Finding customers across the whole directory: asks every shard and ranks what they found, as
/// <c>GET /api/v1/customers?q=</c> does. A stateless worker: use key 0.
/// </summary>
[Alias("rg.ICustomerSearchGrain")]
public interface ICustomerSearchGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Customers whose id, name, contact address or tag contains <paramref name="query"/> (ignoring case), best match
    /// first.
    /// </summary>
    /// <param name="query">
    /// What to look for, <see cref="CustomerDirectory.MinQueryLength"/> to <see cref="CustomerDirectory.MaxQueryLength"/>
    /// characters after trimming.
    /// </param>
    /// <param name="limit">Most cards to return, 1 to <see cref="CustomerDirectory.MaxResults"/>.</param>
    /// <returns>The ranked cards; empty when none matches.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The query or the limit is out of range (field <c>q</c> or <c>limit</c>).</exception>
    [Alias("SearchAll"), Orleans.Concurrency.ReadOnly]
    [ChannelSurface]
    Task<IReadOnlyList<CustomerCard>> SearchAsync(string query, int limit = 20);
}
