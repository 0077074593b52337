using System.Runtime.CompilerServices;
using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

public sealed partial class CustomerGrain
{
    public async Task<CustomerExport> ExportAsync() => new(
        await GetProfileAsync(), await ListIntentsAsync(includeWithdrawn: true), await ListConsentsAsync(),
        await GetValuesAsync(), _durableThrough);

    public async IAsyncEnumerable<TimelineEntry> ExportTimelineAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = CustomerId;
        var last = _durableThrough;
        var reader = new TimelineReader(this);
        var erasures = _erasures;
        for (var seq = 1L; seq <= last && !cancellationToken.IsCancellationRequested; seq++)
        {
            ThrowIfErasedSince(erasures);
            var entry = await reader.AtAsync(seq);
            ThrowIfErasedSince(erasures);
            yield return entry;
        }
    }
}
