using System.Security.Claims;
using RelationshipGrains.Api.Auth;

namespace RelationshipGrains.Api.Partners;

internal static class PartnerIdentity
{
    /// <summary>The partner the key speaks for; the partner policy guarantees the claim.</summary>
    public static string PartnerId(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthenticationHandler.PartnerIdClaim)!;
}
