namespace RelationshipGrains.Api.Operations;

/// <summary>One active silo and its load.</summary>
public sealed record SiloView(
    string Address,
    string Name,
    string Status,
    DateTimeOffset StartedAt,
    int Activations,
    int RecentlyUsedActivations,
    long Clients,
    long ReceivedMessages,
    long SentMessages,
    float? CpuPercent,
    long? MemoryBytes);
