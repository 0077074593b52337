namespace RelationshipGrains.Customers;

/// <summary>An amount in an ISO 4217 currency.</summary>
/// <param name="Amount">The amount in the currency's major unit (euros, not cents); more than zero wherever a price or budget is checked.</param>
/// <param name="Currency">The ISO 4217 code in three upper-case letters, such as <c>EUR</c>.</param>
[GenerateSerializer, Immutable, Alias("rg.Money")]
public sealed record Money([property: Id(0)] decimal Amount, [property: Id(1)] string Currency);
