using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Partners;

/// <summary>What a partner offers: price, lead time in days, certifications it holds for this offer, and terms.</summary>
[GenerateSerializer, Immutable, Alias("rg.OfferTerms")]
public sealed record OfferTerms(
    [property: Id(0)] Money? Price,
    [property: Id(1)] int? LeadTimeDays,
    [property: Id(2)] IReadOnlyList<string>? Certifications = null,
    [property: Id(3)] string? Terms = null)
{
    /// <summary>Checks every field.</summary>
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
