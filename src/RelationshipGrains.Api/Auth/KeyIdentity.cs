namespace RelationshipGrains.Api.Auth;

/// <summary>The name and role of an API key, and the partner it acts for when it is a partner's.</summary>
public sealed record KeyIdentity(string Name, string Role, string? PartnerId);
