namespace RelationshipGrains.Grains.Customers;

/// <summary>What every change moves: a few bytes in the journal per change.</summary>
[GenerateSerializer, Immutable, Alias("rg.CustomerClock")]
public readonly record struct CustomerClock([property: Id(0)] long LastSequence, [property: Id(1)] DateTimeOffset UpdatedAt);
