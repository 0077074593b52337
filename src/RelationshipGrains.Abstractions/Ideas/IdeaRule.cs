using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Ideas;

/// <summary>A constraint as data, for example "unit-cost max 40" or "materials forbidden pvc".</summary>
[GenerateSerializer, Immutable, Alias("rg.IdeaRule")]
public sealed record IdeaRule(
    [property: Id(0)] string Name,
    [property: Id(1)] string Attribute,
    [property: Id(2)] RuleKind? Kind,
    [property: Id(3)] double? Number = null,
    [property: Id(4)] string? Text = null)
{
    /// <summary>Checks the rule is complete for its kind.</summary>
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
