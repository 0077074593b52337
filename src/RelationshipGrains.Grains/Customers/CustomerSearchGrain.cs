using Orleans.Concurrency;
using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

/// <summary>A stateless worker on whichever silo is asked, so searches spread over the cluster and never queue behind one grain.</summary>
[StatelessWorker]
public sealed class CustomerSearchGrain : Grain, ICustomerSearchGrain
{
    public async Task<IReadOnlyList<CustomerCard>> SearchAsync(string query, int limit = 20)
    {
        var checkedQuery = CustomerDirectory.CheckQuery(query, limit);
        var shards = await Task.WhenAll(Enumerable.Range(0, CustomerDirectory.Shards)
            .Select(shard => GrainFactory.GetGrain<ICustomerDirectoryGrain>(shard).SearchAsync(checkedQuery, limit)));
        return CustomerDirectory.Rank(shards.SelectMany(s => s), checkedQuery, limit);
    }
}
