namespace RelationshipGrains.Customers;

/// <summary>A partner an intent was cast to, with how closely its values match the customer's (cosine, 0..1).</summary>
/// <param name="PartnerId">The partner the intent was cast to.</param>
/// <param name="Score">How closely the partner's values match the customer's, 0 to 1.</param>
[GenerateSerializer, Immutable, Alias("rg.IntentMatch")]
public sealed record IntentMatch([property: Id(0)] string PartnerId, [property: Id(1)] double Score);
