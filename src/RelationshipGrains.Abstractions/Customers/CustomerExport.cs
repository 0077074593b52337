namespace RelationshipGrains.Customers;

/// <summary>Everything held about a customer apart from the timeline, which is streamed beside it.</summary>
/// <param name="Profile">The profile, or null when the customer has never been seen.</param>
/// <param name="Intents">Every intent, withdrawn ones included.</param>
/// <param name="Consents">The live consent grants.</param>
/// <param name="Values">The values profile (empty when never set).</param>
/// <param name="LatestSequence">The last timeline entry stored when the export was taken.</param>
[GenerateSerializer, Immutable, Alias("rg.CustomerExport")]
public sealed record CustomerExport(
    [property: Id(0)] CustomerProfile? Profile,
    [property: Id(1)] IReadOnlyList<Intent> Intents,
    [property: Id(2)] IReadOnlyList<ConsentGrant> Consents,
    [property: Id(3)] ValuesProfile Values,
    [property: Id(4)] long LatestSequence);
