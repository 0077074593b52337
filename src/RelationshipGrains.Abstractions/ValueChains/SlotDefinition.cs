using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.ValueChains;

/// <summary>A role in the customer's value chain (maker, financier, logistics...) and what it requires.</summary>
[GenerateSerializer, Immutable, Alias("rg.SlotDefinition")]
public sealed record SlotDefinition(
    [property: Id(0)] string Role,
    [property: Id(1)] string? Requirements = null,
    [property: Id(2)] SlotConstraints? Constraints = null)
{
    /// <summary>Checks every field; <paramref name="field"/> prefixes the names in errors.</summary>
    public void Validate(string field)
    {
        Check.Id(Role, $"{field}.role");
        Check.OptionalText(Requirements, $"{field}.requirements", Limits.IntentText);
        if (Constraints is { } c)
        {
            if (c.MaxPrice is not null)
            {
                CheckValues.Money(c.MaxPrice, $"{field}.constraints.maxPrice");
            }

            if (c.MaxLeadTimeDays is < 0)
            {
                throw new RelationshipValidationException($"{field}.constraints.maxLeadTimeDays", "maxLeadTimeDays must be 0 or more.");
            }

            CheckValues.Ids(c.RequiredCertifications, $"{field}.constraints.requiredCertifications", 20);
        }
    }
}
