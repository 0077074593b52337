using RelationshipGrains.Customers;

namespace RelationshipGrains.Api.Customers;

/// <summary>The body of a status change; the entry's sequence is in the route.</summary>
public sealed record StatusChangeBody(string RequestId, string Status, Author? Author, string? Note = null);
