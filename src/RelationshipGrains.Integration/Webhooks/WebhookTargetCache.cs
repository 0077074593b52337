using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>
/// Who wants each event type, read from the registry at most once per lease on each silo rather than once per event
/// (a grain call per interaction, most of them to another silo in a cluster). A change to the subscriptions answers
/// only after a lease has passed, and a list is reused for a lease counted from when its read was sent: so once a
/// change has answered, no silo still uses a list read before it.
/// </summary>
public sealed class WebhookTargetCache(IGrainFactory grains, IOptions<WebhookOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Reads sent to the registry so far (tests and diagnostics).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    private long _reads;

    public Task<IReadOnlyList<WebhookTarget>> GetAsync(string eventType)
    {
        if (_entries.TryGetValue(eventType, out var entry) && !entry.Targets.IsFaulted && !entry.Targets.IsCanceled
            && time.GetElapsedTime(entry.SentAt) < options.Value.TargetCacheLease)
        {
            return entry.Targets;
        }

        // Callers racing past an expired entry may each send a read; whichever is kept was sent after the entry expired.
        var sentAt = time.GetTimestamp();
        Interlocked.Increment(ref _reads);
        var read = grains.GetGrain<IWebhookRegistryGrain>(0).GetTargetsAsync(eventType);
        _entries[eventType] = new Entry(sentAt, read);
        return read;
    }

    private sealed record Entry(long SentAt, Task<IReadOnlyList<WebhookTarget>> Targets);
}
