using RelationshipGrains.Customers;

namespace RelationshipGrains.Api.Customers;

/// <summary>The body of a consent grant; the partner is in the route.</summary>
public sealed record ConsentBody(IReadOnlyList<ConsentScope>? Scopes, DateTimeOffset? ExpiresAt = null);
