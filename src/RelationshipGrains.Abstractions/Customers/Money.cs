namespace RelationshipGrains.Customers;

/// <summary>An amount in an ISO 4217 currency.</summary>
[GenerateSerializer, Immutable, Alias("rg.Money")]
public sealed record Money([property: Id(0)] decimal Amount, [property: Id(1)] string Currency);
