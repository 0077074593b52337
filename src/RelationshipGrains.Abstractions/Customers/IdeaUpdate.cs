namespace RelationshipGrains.Customers;

/// <summary>News of an idea the customer asked for, for their timeline. The id makes it idempotent.</summary>
/// <param name="UpdateId">The sender's id for the news; the same id again adds nothing.</param>
/// <param name="IdeaId">The idea's id.</param>
/// <param name="Community">The slug of the idea's community.</param>
/// <param name="Text">The news, in a sentence.</param>
/// <param name="Status">The idea's status in kebab case (for example <c>in-design</c>), or null.</param>
[GenerateSerializer, Immutable, Alias("rg.IdeaUpdate")]
public sealed record IdeaUpdate(
    [property: Id(0)] string UpdateId,
    [property: Id(1)] string IdeaId,
    [property: Id(2)] string Community,
    [property: Id(3)] string Text,
    [property: Id(4)] string? Status = null);
