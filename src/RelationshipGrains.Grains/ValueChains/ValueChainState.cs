using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Grains.ValueChains;

[GenerateSerializer, Alias("rg.ValueChainState")]
public sealed class ValueChainState
{
    /// <summary>Null until created; the only customer who may see or change the chain.</summary>
    [Id(0)] public string? OwnerCustomerId { get; set; }
    [Id(1)] public string Title { get; set; } = "";
    [Id(2)] public ValueChainStatus Status { get; set; }
    [Id(3)] public List<SlotState> Slots { get; set; } = [];
    [Id(4)] public List<AcceptanceRecord> History { get; set; } = [];
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset? CommittedAt { get; set; }

    /// <summary>Numbers the steps sent to the customer's timeline, so a re-sent step is recognised there.</summary>
    [Id(7)] public long Steps { get; set; }

    /// <summary>Integration events written with the changes that caused them, until the broker accepts them.</summary>
    [Id(8)] public List<OutboxMessage> Outbox { get; set; } = [];

    /// <summary>Ids of the latest back-office messages applied, so a redelivery has no second effect.</summary>
    [Id(9)] public List<Guid> ProcessedMessages { get; set; } = [];

    /// <summary>The owner was erased: <see cref="OwnerCustomerId"/> is their pseudonym and no timeline hears of steps.</summary>
    [Id(10)] public bool OwnerErased { get; set; }

    /// <summary>
    /// Steps written but not yet on the owner's timeline, oldest first. Kept with the change that made them, so a step
    /// whose call to the customer failed is told by the retry (or the next change) instead of never.
    /// </summary>
    [Id(11)] public List<ValueChainStep> Untold { get; set; } = [];

    /// <summary>Partners given a slot whose account has not yet listed the chain, kept for the same reason.</summary>
    [Id(12)] public List<string> PartnersUntold { get; set; } = [];
}

[GenerateSerializer, Alias("rg.SlotState")]
public sealed class SlotState
{
    [Id(0)] public string Role { get; set; } = "";
    [Id(1)] public string? Requirements { get; set; }
    [Id(2)] public SlotConstraints Constraints { get; set; } = new();
    [Id(3)] public List<string> Invited { get; set; } = [];
    [Id(4)] public List<SlotOffer> Offers { get; set; } = [];
    [Id(5)] public string? AcceptedPartnerId { get; set; }
    [Id(6)] public FulfilmentStatus Fulfilment { get; set; }

    /// <summary>
    /// When the ERP last moved <see cref="Fulfilment"/>, as the ERP stamped it: a failure, or news after one, that
    /// happened before it is old news. Null when a partner moved it last, or for slots that moved before it was kept.
    /// </summary>
    [Id(7)] public DateTimeOffset? FulfilmentChangedAt { get; set; }

    public SlotOffer? AcceptedOffer => Offers.FirstOrDefault(o => o.PartnerId == AcceptedPartnerId);
}
