namespace RelationshipGrains.Customers;

/// <summary>The entry a record call produced; <see cref="Created"/> is false when the call was a retry.</summary>
[GenerateSerializer, Immutable, Alias("rg.RecordResult")]
public sealed record RecordResult([property: Id(0)] TimelineEntry Entry, [property: Id(1)] bool Created);
