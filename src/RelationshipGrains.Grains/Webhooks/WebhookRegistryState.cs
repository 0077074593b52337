using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Grains.Webhooks;

[GenerateSerializer, Alias("rg.WebhookRegistryState")]
public sealed class WebhookRegistryState
{
    [Id(0)] public Dictionary<string, WebhookSubscription> Subscriptions { get; set; } = [];

    /// <summary>Signing secrets by subscription id. Kept readable, since signing needs the secret itself.</summary>
    [Id(1)] public Dictionary<string, string> Secrets { get; set; } = [];

    /// <summary>Dead letters as kept here until December 2026, oldest first; moved to their own journal on activation.</summary>
    [Id(2)] public List<WebhookDeadLetter> DeadLetters { get; set; } = [];
}
