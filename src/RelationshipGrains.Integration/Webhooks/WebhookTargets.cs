using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>The subscriptions for each event type, read from the registry grain at most once per <see cref="WebhookOptions.TargetCacheTime"/>.</summary>
public sealed class WebhookTargets(IGrainFactory grains, IOptions<WebhookOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, IReadOnlyList<WebhookTarget> Targets)> _cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<WebhookTarget>> ForAsync(string eventType)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(eventType, out var cached) && now - cached.ReadAt < options.Value.TargetCacheTime)
        {
            return cached.Targets;
        }

        var targets = await grains.GetGrain<IWebhookRegistryGrain>(0).GetTargetsAsync(eventType);
        _cache[eventType] = (now, targets);
        return targets;
    }
}
