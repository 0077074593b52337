namespace RelationshipGrains.Customers;

/// <summary>A step of one of the customer's value chains, for the timeline. <see cref="StepId"/> makes it idempotent.</summary>
/// <param name="StepId">The chain's id for the step; the same id again adds nothing.</param>
/// <param name="ValueChainId">The chain's id.</param>
/// <param name="Text">What happened, in a sentence.</param>
/// <param name="Status">The chain's status after the step, in kebab case, or null.</param>
/// <param name="PartnerId">The partner that took the step, or null when the customer did.</param>
[GenerateSerializer, Immutable, Alias("rg.ValueChainStep")]
public sealed record ValueChainStep(
    [property: Id(0)] string StepId,
    [property: Id(1)] string ValueChainId,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Status = null,
    [property: Id(4)] string? PartnerId = null);
