using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Diagnostics;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Diagnostics;

/// <summary>
/// Our meter, observed as OpenTelemetry would observe it. The meter is one per process, so these tests run alone,
/// after the others, on a cluster of their own: every figure is exactly what their own actions added.
/// </summary>
[Collection(Name)]
public sealed class Measuring_relationships : IDisposable
{
    public const string Name = "measuring relationships";

    private readonly ClusterFixture _fixture;
    private readonly ConcurrentDictionary<string, long> _ups = new();
    private readonly ConcurrentDictionary<string, long> _downs = new();
    private readonly MeterListener _listener = new();

    public Measuring_relationships(ClusterFixture fixture)
    {
        _fixture = fixture;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrainMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            (value >= 0 ? _ups : _downs).AddOrUpdate(instrument.Name, Math.Abs(value), (_, n) => n + Math.Abs(value)));
        _listener.Start();
    }

    [Fact]
    public async Task A_live_feed_counts_while_it_is_open_and_recording_counts_each_interaction_once()
    {
        var customer = _fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await using var feed = customer.WatchTimelineAsync(0, cts.Token).GetAsyncEnumerator(cts.Token);
            var first = feed.MoveNextAsync();
            await customer.RecordInteractionAsync(Requests.Interaction("a"));
            await customer.RecordInteractionAsync(Requests.Interaction("a"));
            Assert.True(await first);
            Assert.Equal(1, Up("relationshipgrains.live.subscribers"));
        }

        await Poll.UntilAsync(() => Task.FromResult(Down("relationshipgrains.live.subscribers")), n => n >= 1,
            TimeSpan.FromSeconds(10), "the closed feed leaving the live-subscriber count");
        var published = await Poll.UntilAsync(() => Task.FromResult(Down("relationshipgrains.outbox.pending")), n => n >= 1,
            TimeSpan.FromSeconds(10), "the interaction's event leaving the pending count once published");
        Assert.Equal(1, Down("relationshipgrains.live.subscribers"));
        Assert.Equal(1, Up("relationshipgrains.interactions.recorded"));
        Assert.Equal(1, Up("relationshipgrains.outbox.pending"));
        Assert.Equal(1, published);
    }

    [Fact]
    public async Task A_selection_round_is_counted()
    {
        var world = new CommunityWorld(_fixture.Grains);
        var community = await world.Create(new CommunitySettings(RoundPeriodHours: 8_760, ShortlistPerRound: 1, SelectPerRound: 1, CullFraction: 0, MinAgeDaysToCull: 5));

        await community.AsReference<ICommunityStewardshipGrain>().RunRoundAsync();

        Assert.Equal(1, Up("relationshipgrains.selection.rounds"));
    }

    private long Up(string name) => _ups.GetValueOrDefault(name);

    private long Down(string name) => _downs.GetValueOrDefault(name);

    public void Dispose() => _listener.Dispose();
}

[CollectionDefinition(Measuring_relationships.Name, DisableParallelization = true)]
public sealed class MeasuringCollection : ICollectionFixture<ClusterFixture>
{
}
