using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Ideas;

/// <summary>What rules look at: named numbers (unit-cost: 35) and named lists of values (materials: [steel, oak]).</summary>
[GenerateSerializer, Immutable, Alias("rg.IdeaAttributes")]
public sealed record IdeaAttributes(
    [property: Id(0)] IReadOnlyDictionary<string, double>? Numbers = null,
    [property: Id(1)] IReadOnlyDictionary<string, IReadOnlyList<string>>? Texts = null)
{
    /// <summary>No attributes.</summary>
    public static IdeaAttributes None { get; } = new(new Dictionary<string, double>(), new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Checks names and values.</summary>
    public void Validate()
    {
        if ((Numbers?.Count ?? 0) + (Texts?.Count ?? 0) > 32)
        {
            throw new RelationshipValidationException("attributes", "An idea may have at most 32 attributes.");
        }

        foreach (var (name, value) in Numbers ?? new Dictionary<string, double>())
        {
            Check.Id(name, "attributes.numbers");
            if (!double.IsFinite(value))
            {
                throw new RelationshipValidationException($"attributes.numbers.{name}", "A numeric attribute must be a finite number.");
            }
        }

        foreach (var (name, values) in Texts ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            Check.Id(name, "attributes.texts");
            CheckValues.Ids(values, $"attributes.texts.{name}", 20);
        }
    }
}
