namespace RelationshipGrains.Partners;

/// <summary>An intent delivered to a partner's inbox. <see cref="CastId"/> is what the partner uses to refer to it.</summary>
[GenerateSerializer, Immutable, Alias("rg.IntentCast")]
public sealed record IntentCast(
    [property: Id(0)] string CastId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string IntentId,
    [property: Id(3)] double Score,
    [property: Id(4)] DateTimeOffset CastAt);
