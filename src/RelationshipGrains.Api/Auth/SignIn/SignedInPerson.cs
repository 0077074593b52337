using System.Security.Claims;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Api.Auth.SignIn;

/// <summary>Who a signed-in person is, read from their access token.</summary>
public static class SignedInPerson
{
    public static bool IsPerson(this ClaimsPrincipal user) => user.Identity?.AuthenticationType == SignInAuthentication.SchemeName;

    /// <summary>The provider's stable id for the person (<c>sub</c>).</summary>
    public static string? Subject(this ClaimsPrincipal user) => user.IsPerson() ? user.FindFirstValue("sub") : null;

    /// <summary>
    /// The author an entry records: a signed-in person writing as staff is recorded as themselves from the token,
    /// whatever the body says; any other author (the customer, a partner, the system) stays as given. A name is what
    /// marks a signed-in author, so a key may not state one.
    /// </summary>
    public static Author? Attribute(this ClaimsPrincipal user, Author? stated)
    {
        if (!user.IsPerson())
        {
            return stated?.Name is null
                ? stated
                : throw new RelationshipValidationException("author.name", "author.name comes from a person's sign-in; a key names staff by author.id only.");
        }

        return stated is { Kind: not AuthorKind.Staff } ? stated : new Author(AuthorKind.Staff, user.Subject(), user.Identity!.Name);
    }
}
