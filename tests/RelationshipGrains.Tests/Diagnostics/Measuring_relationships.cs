using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Diagnostics;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Diagnostics;

/// <summary>
/// Our meter, observed as OpenTelemetry would observe it. Other tests run beside these, so each assertion is about
/// what this test's own actions must at least have added.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Measuring_relationships : IDisposable
{
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
            Assert.True(Up("relationshipgrains.live.subscribers") >= 1);
        }

        await Poll.UntilAsync(() => Task.FromResult(Down("relationshipgrains.live.subscribers")), n => n >= 1,
            TimeSpan.FromSeconds(10), "the closed feed leaving the live-subscriber count");
        Assert.True(Up("relationshipgrains.interactions.recorded") >= 1);
        Assert.True(Up("relationshipgrains.outbox.pending") >= 1, "the interaction's event was not counted as pending");
    }

    [Fact]
    public async Task A_selection_round_is_counted()
    {
        var world = new CommunityWorld(_fixture.Grains);
        var community = await world.Create(new CommunitySettings(RoundPeriodHours: 8_760, ShortlistPerRound: 1, SelectPerRound: 1, CullFraction: 0, MinAgeDaysToCull: 5));

        await community.RunRoundAsync();

        Assert.True(Up("relationshipgrains.selection.rounds") >= 1);
    }

    private long Up(string name) => _ups.GetValueOrDefault(name);

    private long Down(string name) => _downs.GetValueOrDefault(name);

    public void Dispose() => _listener.Dispose();
}
