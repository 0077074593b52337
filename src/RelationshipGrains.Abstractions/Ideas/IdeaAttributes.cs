using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Ideas;

/// <summary>What rules look at: named numbers (unit-cost: 35) and named lists of values (materials: [steel, oak]).</summary>
/// <param name="Numbers">
/// Named numbers, such as <c>unit-cost</c>: 35; each name an id (1-64 characters of a-z, 0-9, '.', '_' or '-'), each
/// value finite. Null for none.
/// </param>
/// <param name="Texts">Named lists of ids, such as <c>materials</c>: [steel, oak]; at most 20 values per name. Null for none.</param>
/// <remarks>An idea has at most 32 attributes, numbers and lists together.</remarks>
[GenerateSerializer, Immutable, Alias("rg.IdeaAttributes")]
public sealed record IdeaAttributes(
    [property: Id(0)] IReadOnlyDictionary<string, double>? Numbers = null,
    [property: Id(1)] IReadOnlyDictionary<string, IReadOnlyList<string>>? Texts = null)
{
    /// <summary>No attributes.</summary>
    public static IdeaAttributes None { get; } = new(new Dictionary<string, double>(), new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Checks names and values.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// There are more than 32 attributes, a name or a listed value is not an id, a list holds more than 20 values, or a
    /// number is not finite.
    /// </exception>
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
            // Checked here, not taken for an empty list: stored as null, it failed every rule on the attribute later,
            // and with it the community's idea pages and selection rounds.
            if (values is null)
            {
                throw new RelationshipValidationException($"attributes.texts.{name}", "A text attribute is a list of values; send [] for none.");
            }

            CheckValues.Ids(values, $"attributes.texts.{name}", 20);
        }
    }
}
