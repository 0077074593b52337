namespace RelationshipGrains.Api.Auth;

/// <summary>Who is calling: an API key's name and role (and the partner a partner's key acts for), or a signed-in person.</summary>
/// <param name="Name">The key's name, or the person's display name.</param>
/// <param name="Role">channel, partner, operator or customer; empty for a person whose sign-in grants no staff role.</param>
/// <param name="PartnerId">The partner a partner's key acts for.</param>
/// <param name="Subject">A signed-in person's subject at the organisation's sign-in provider; absent for a key.</param>
/// <param name="CustomerId">For a signed-in customer: the customer id their sign-in acts for.</param>
public sealed record KeyIdentity(string Name, string Role, string? PartnerId, string? Subject = null, string? CustomerId = null);
