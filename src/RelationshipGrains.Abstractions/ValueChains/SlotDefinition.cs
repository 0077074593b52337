using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.ValueChains;

/// <summary>A role in the customer's value chain (maker, financier, logistics...) and what it requires.</summary>
/// <param name="Role">The role, an id (1-64 characters of a-z, 0-9, '.', '_' or '-') unique in the chain, for example <c>maker</c>.</param>
/// <param name="Requirements">What the role must deliver, in words, at most 2,000 characters; null for none.</param>
/// <param name="Constraints">What an accepted offer must meet for the chain to commit; null for none.</param>
[GenerateSerializer, Immutable, Alias("rg.SlotDefinition")]
public sealed record SlotDefinition(
    [property: Id(0)] string Role,
    [property: Id(1)] string? Requirements = null,
    [property: Id(2)] SlotConstraints? Constraints = null)
{
    /// <summary>Checks every field; <paramref name="field"/> prefixes the names in errors.</summary>
    /// <param name="field">The field's name in errors, for example <c>slots[0]</c>; empty when the slot is the whole body.</param>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The role is not an id, the requirements are too long, or a constraint is out of range.
    /// </exception>
    public void Validate(string field)
    {
        field = field.Length == 0 ? "" : field + ".";
        Check.Id(Role, $"{field}role");
        Check.OptionalText(Requirements, $"{field}requirements", Limits.IntentText);
        if (Constraints is { } c)
        {
            if (c.MaxPrice is not null)
            {
                CheckValues.Money(c.MaxPrice, $"{field}constraints.maxPrice");
            }

            if (c.MaxLeadTimeDays is < 0)
            {
                throw new RelationshipValidationException($"{field}constraints.maxLeadTimeDays", "maxLeadTimeDays must be 0 or more.");
            }

            CheckValues.Ids(c.RequiredCertifications, $"{field}constraints.requiredCertifications", 20);
        }
    }
}
