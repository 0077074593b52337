namespace RelationshipGrains.Customers;

/// <summary>Everything held about a customer apart from the timeline, which is streamed beside it.</summary>
[GenerateSerializer, Immutable, Alias("rg.CustomerExport")]
public sealed record CustomerExport(
    [property: Id(0)] CustomerProfile? Profile,
    [property: Id(1)] IReadOnlyList<Intent> Intents,
    [property: Id(2)] IReadOnlyList<ConsentGrant> Consents,
    [property: Id(3)] ValuesProfile Values,
    [property: Id(4)] long LatestSequence);
