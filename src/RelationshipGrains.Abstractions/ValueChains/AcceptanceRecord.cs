namespace RelationshipGrains.ValueChains;

/// <summary>One acceptance in a chain's history; <c>replaced</c> names the partner swapped out, if any.</summary>
/// <param name="Role">The slot.</param>
/// <param name="PartnerId">The partner whose offer was accepted.</param>
/// <param name="Replaced">The partner swapped out, or null for a first acceptance; always null in a partner's view.</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("rg.AcceptanceRecord")]
public sealed record AcceptanceRecord(
    [property: Id(0)] string Role,
    [property: Id(1)] string PartnerId,
    [property: Id(2)] string? Replaced,
    [property: Id(3)] DateTimeOffset At);
