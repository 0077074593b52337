namespace RelationshipGrains.Integration.Contracts;

/// <summary>A customer granted, replaced or revoked a partner's consent; an empty scope list means revoked.</summary>
public record ConsentChanged(string CustomerId, string PartnerId, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt,
    DateTimeOffset ChangedAt);
