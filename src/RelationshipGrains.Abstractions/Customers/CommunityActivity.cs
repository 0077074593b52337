namespace RelationshipGrains.Customers;

/// <summary>Something the customer did in a community, for their own timeline. The id makes it idempotent.</summary>
/// <param name="ActivityId">The sender's id for the activity; the same id again adds nothing.</param>
/// <param name="Community">The community's slug.</param>
/// <param name="Text">What the customer did, in a sentence.</param>
/// <param name="Subject">The thread, post or idea it concerns, or null.</param>
[GenerateSerializer, Immutable, Alias("rg.CommunityActivity")]
public sealed record CommunityActivity(
    [property: Id(0)] string ActivityId,
    [property: Id(1)] string Community,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Subject = null);
