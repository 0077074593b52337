namespace RelationshipGrains.Customers;

/// <summary>A step of one of the customer's value chains, for the timeline. <see cref="StepId"/> makes it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("rg.ValueChainStep")]
public sealed record ValueChainStep(
    [property: Id(0)] string StepId,
    [property: Id(1)] string ValueChainId,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Status = null,
    [property: Id(4)] string? PartnerId = null);
