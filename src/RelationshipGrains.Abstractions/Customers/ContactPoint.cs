namespace RelationshipGrains.Customers;

/// <summary>How to reach the customer on one channel (an address, number or handle).</summary>
/// <param name="Channel">The channel the address is for; required when a profile is set.</param>
/// <param name="Address">The address, number or handle, 1-320 characters.</param>
[GenerateSerializer, Immutable, Alias("rg.ContactPoint")]
public sealed record ContactPoint([property: Id(0)] Channel? Channel, [property: Id(1)] string Address);
