namespace RelationshipGrains.Customers;

/// <summary>The entry a record call produced; <see cref="Created"/> is false when the call was a retry.</summary>
/// <param name="Entry">The entry recorded, or recorded earlier under the same id.</param>
/// <param name="Created">True when this call recorded it; false when it was a retry.</param>
[GenerateSerializer, Immutable, Alias("rg.RecordResult")]
public sealed record RecordResult([property: Id(0)] TimelineEntry Entry, [property: Id(1)] bool Created);
