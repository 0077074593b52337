namespace RelationshipGrains.Customers;

/// <summary>A partner an intent was cast to, with how closely its values match the customer's (cosine, 0..1).</summary>
[GenerateSerializer, Immutable, Alias("rg.IntentMatch")]
public sealed record IntentMatch([property: Id(0)] string PartnerId, [property: Id(1)] double Score);
