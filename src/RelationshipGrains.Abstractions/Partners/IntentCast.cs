namespace RelationshipGrains.Partners;

/// <summary>An intent delivered to a partner's inbox. <see cref="CastId"/> is what the partner uses to refer to it.</summary>
/// <param name="CastId">The partner's handle on the intent: 16 random hexadecimal characters, so the partner need not know the customer.</param>
/// <param name="CustomerId">The customer whose intent it is; not for the partner's eyes.</param>
/// <param name="IntentId">The intent's id at the customer.</param>
/// <param name="Score">How closely the partner's values match the customer's, 0 to 1.</param>
/// <param name="CastAt">When the intent reached the inbox.</param>
[GenerateSerializer, Immutable, Alias("rg.IntentCast")]
public sealed record IntentCast(
    [property: Id(0)] string CastId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string IntentId,
    [property: Id(3)] double Score,
    [property: Id(4)] DateTimeOffset CastAt);
