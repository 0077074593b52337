using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Partners;

/// <summary>What a partner offers: price, lead time in days, certifications it holds for this offer, and terms.</summary>
/// <param name="Price">The price: more than zero, in a three-letter currency such as <c>EUR</c>.</param>
/// <param name="LeadTimeDays">Days until the partner can deliver, 0-3650; required.</param>
/// <param name="Certifications">
/// Certifications the partner holds for this offer, at most 20, each an id (1-64 characters of a-z, 0-9, '.', '_' or
/// '-'); null for none.
/// </param>
/// <param name="Terms">The partner's terms, at most 2,000 characters, or null.</param>
[GenerateSerializer, Immutable, Alias("rg.OfferTerms")]
public sealed record OfferTerms(
    [property: Id(0)] Money? Price,
    [property: Id(1)] int? LeadTimeDays,
    [property: Id(2)] IReadOnlyList<string>? Certifications = null,
    [property: Id(3)] string? Terms = null)
{
    /// <summary>Checks every field.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The price or lead time is missing or out of range, a certification is malformed or there are more than 20, or
    /// the terms are too long.
    /// </exception>
    public void Validate()
    {
        CheckValues.Money(Price, "price");
        if (LeadTimeDays is not (>= 0 and <= 3_650))
        {
            throw new RelationshipValidationException("leadTimeDays", "leadTimeDays is required, from 0 to 3650.");
        }

        CheckValues.Ids(Certifications, "certifications", 20);
        Check.OptionalText(Terms, "terms", Limits.IntentText);
    }
}
