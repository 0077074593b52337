namespace RelationshipGrains.Customers;

/// <summary>News of an idea the customer asked for, for their timeline. The id makes it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("rg.IdeaUpdate")]
public sealed record IdeaUpdate(
    [property: Id(0)] string UpdateId,
    [property: Id(1)] string IdeaId,
    [property: Id(2)] string Community,
    [property: Id(3)] string Text,
    [property: Id(4)] string? Status = null);
