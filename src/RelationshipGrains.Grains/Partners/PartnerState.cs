using RelationshipGrains.Partners;

namespace RelationshipGrains.Grains.Partners;

[GenerateSerializer, Alias("rg.PartnerState")]
public sealed class PartnerState
{
    [Id(0)] public PartnerProfile? Profile { get; set; }
    [Id(1)] public Dictionary<string, PartnerKeyRecord> Keys { get; set; } = [];

    /// <summary>Newest last; the oldest are dropped past <see cref="PartnerGrain.InboxLimit"/>.</summary>
    [Id(2)] public List<IntentCast> Inbox { get; set; } = [];
    [Id(3)] public List<string> ValueChains { get; set; } = [];
}
