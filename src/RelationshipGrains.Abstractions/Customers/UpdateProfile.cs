using System.Text.RegularExpressions;
using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>The whole profile a caller sets: it replaces the previous one.</summary>
/// <param name="DisplayName">The name to show, 1-200 characters.</param>
/// <param name="ContactPoints">How to reach the customer, at most 20, each with a channel and a 1-320 character address; null for none.</param>
/// <param name="Language">
/// A language tag such as <c>en</c> or <c>pt-BR</c> (2-3 letters, then up to three subtags of 2-8 letters or digits),
/// or null.
/// </param>
/// <param name="Tags">Tags, at most 32, each an id (1-64 characters of a-z, 0-9, '.', '_' or '-'); duplicates are dropped. Null for none.</param>
[GenerateSerializer, Immutable, Alias("rg.UpdateProfile")]
public sealed partial record UpdateProfile(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] IReadOnlyList<ContactPoint>? ContactPoints = null,
    [property: Id(2)] string? Language = null,
    [property: Id(3)] IReadOnlyList<string>? Tags = null)
{
    /// <summary>Checks every field.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field is missing, too long or malformed, or a list is too long; the exception names the field (for example
    /// <c>contactPoints[1].address</c>).
    /// </exception>
    public void Validate()
    {
        Check.Text(DisplayName, "displayName", Limits.DisplayName);
        var contacts = Check.List(ContactPoints, "contactPoints", Limits.ContactPoints);
        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = contacts[i] ?? throw new RelationshipValidationException($"contactPoints[{i}]", "contact point must not be null.");
            Check.Defined(contact.Channel, $"contactPoints[{i}].channel");
            Check.Text(contact.Address, $"contactPoints[{i}].address", Limits.ContactAddress);
        }

        if (Language is not null && !LanguageTag().IsMatch(Language))
        {
            throw new RelationshipValidationException("language", "language must be a language tag such as 'en' or 'pt-BR'.");
        }

        var tags = Check.List(Tags, "tags", Limits.Tags);
        for (var i = 0; i < tags.Count; i++)
        {
            Check.Id(tags[i], $"tags[{i}]");
        }
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
