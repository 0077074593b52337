using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Ideas;

/// <summary>A constraint as data, for example "unit-cost max 40" or "materials forbidden pvc".</summary>
/// <param name="Name">The rule's name, an id (1-64 characters of a-z, 0-9, '.', '_' or '-'), unique in the community.</param>
/// <param name="Attribute">The attribute it looks at, an id; an idea without it fails the rule.</param>
/// <param name="Kind">What it demands: max, min, required or forbidden.</param>
/// <param name="Number">For max and min, the finite bound; otherwise ignored.</param>
/// <param name="Text">For required and forbidden, the value (an id) the attribute's list must or must not hold; otherwise ignored.</param>
[GenerateSerializer, Immutable, Alias("rg.IdeaRule")]
public sealed record IdeaRule(
    [property: Id(0)] string Name,
    [property: Id(1)] string Attribute,
    [property: Id(2)] RuleKind? Kind,
    [property: Id(3)] double? Number = null,
    [property: Id(4)] string? Text = null)
{
    /// <summary>Checks the rule is complete for its kind.</summary>
    /// <param name="field">The field's name in errors, for example <c>rules[0]</c>; the parts are reported as <c>{field}.name</c> and so on.</param>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The name or attribute is not an id, the kind is missing or unknown, a max or min rule has no finite number, or a
    /// required or forbidden rule's text is not an id.
    /// </exception>
    public void Validate(string field)
    {
        Check.Id(Name, $"{field}.name");
        Check.Id(Attribute, $"{field}.attribute");
        var kind = Check.Defined(Kind, $"{field}.kind");
        if (kind is RuleKind.Max or RuleKind.Min && (Number is null || !double.IsFinite(Number.Value)))
        {
            throw new RelationshipValidationException($"{field}.number", "A max or min rule needs a number.");
        }

        if (kind is RuleKind.Required or RuleKind.Forbidden)
        {
            Check.Id(Text, $"{field}.text");
        }
    }
}
