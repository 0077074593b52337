namespace RelationshipGrains.Customers;

/// <summary>How to reach the customer on one channel (an address, number or handle).</summary>
[GenerateSerializer, Immutable, Alias("rg.ContactPoint")]
public sealed record ContactPoint([property: Id(0)] Channel? Channel, [property: Id(1)] string Address);
