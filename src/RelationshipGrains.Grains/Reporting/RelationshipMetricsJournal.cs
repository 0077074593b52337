using Orleans.Journaling;

namespace RelationshipGrains.Grains.Reporting;

/// <summary>What the BI read model keeps, as durable collections: a batch journals only what it changed.</summary>
public sealed class RelationshipMetricsJournal(IDurableStateManager manager)
{
    /// <summary>Counts by "yyyy-MM-dd|channel".</summary>
    public IDurableDictionary<string, long> ChannelDays { get; } = manager.GetOrAddDictionary<string, long>("channel-days");

    /// <summary>
    /// The latest state of each intent (under <see cref="Privacy.Pseudonyms.ForIntentCount"/>), idea and value chain;
    /// facts arriving out of order never move one back.
    /// </summary>
    public IDurableDictionary<string, LatestValue> Intents { get; } = manager.GetOrAddDictionary<string, LatestValue>("intents");
    public IDurableDictionary<string, LatestValue> Ideas { get; } = manager.GetOrAddDictionary<string, LatestValue>("ideas");
    public IDurableDictionary<string, LatestValue> ValueChains { get; } = manager.GetOrAddDictionary<string, LatestValue>("value-chains");

    /// <summary>Message ids applied, oldest first.</summary>
    public IDurableQueue<Guid> Seen { get; } = manager.GetOrAddQueue<Guid>("seen");

    public IDurableValue<long> Applied { get; } = manager.GetOrAddValue<long>("applied");

    /// <summary>Whether the journal was rewritten whole since intents were last kept under their ids (before 2026-12-05).</summary>
    public IDurableValue<bool> IntentKeysPseudonymous { get; } = manager.GetOrAddValue<bool>("intent-keys-pseudonymous");
}
