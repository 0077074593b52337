using RelationshipGrains.Errors;

namespace RelationshipGrains.Validation;

/// <summary>Checks shared by customers' and partners' values profiles and by offers.</summary>
public static class CheckValues
{
    /// <summary>Named 0..1 weights: at most 16 names, each an id.</summary>
    /// <param name="weights">Names, each an id, to weights from 0 to 1; null is refused.</param>
    /// <param name="field">The field's name in errors; a weight out of range is reported as <c>{field}.{name}</c>.</param>
    /// <returns>The weights, unchanged.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The weights are missing, hold more than 16 names or a name that is not 1-64 characters of a-z, 0-9, '.', '_' or
    /// '-', or a weight is outside 0-1 (or NaN).
    /// </exception>
    public static IReadOnlyDictionary<string, double> Weights(IReadOnlyDictionary<string, double>? weights, string field)
    {
        var present = weights ?? throw new RelationshipValidationException(field, $"{field} is required.");
        if (present.Count > Limits.ValueWeights)
        {
            throw new RelationshipValidationException(field, $"{field} may hold at most {Limits.ValueWeights} names (it has {present.Count}).");
        }

        foreach (var (name, weight) in present)
        {
            Check.Id(name, field);
            if (double.IsNaN(weight) || weight is < 0 or > 1)
            {
                throw new RelationshipValidationException($"{field}.{name}", $"{field}.{name} must be between 0 and 1.");
            }
        }

        return present;
    }

    /// <summary>A positive amount in a three-letter currency.</summary>
    /// <param name="money">The amount; null is refused.</param>
    /// <param name="field">The field's name in errors; its parts are reported as <c>{field}.amount</c> and <c>{field}.currency</c>.</param>
    /// <returns>The amount, unchanged.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The amount is missing or not more than zero, or its currency is not three upper-case letters.
    /// </exception>
    public static Customers.Money Money(Customers.Money? money, string field)
    {
        var present = money ?? throw new RelationshipValidationException(field, $"{field} is required.");
        if (present.Amount <= 0)
        {
            throw new RelationshipValidationException($"{field}.amount", $"{field}.amount must be more than zero.");
        }

        if (present.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new RelationshipValidationException($"{field}.currency", $"{field}.currency must be a three-letter ISO 4217 code such as 'EUR'.");
        }

        return present;
    }

    /// <summary>A list of ids (categories, certifications), at most <paramref name="max"/>, without duplicates.</summary>
    /// <param name="ids">The ids; null reads as none.</param>
    /// <param name="field">The field's name in errors; a malformed id is reported as <c>{field}[i]</c>.</param>
    /// <param name="max">Most ids allowed, duplicates included.</param>
    /// <returns>The ids in their order, duplicates dropped.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// There are more than <paramref name="max"/> ids, or one is not 1-64 characters of a-z, 0-9, '.', '_' or '-'.
    /// </exception>
    public static IReadOnlyList<string> Ids(IReadOnlyList<string>? ids, string field, int max)
    {
        var list = Check.List(ids, field, max);
        for (var i = 0; i < list.Count; i++)
        {
            Check.Id(list[i], $"{field}[{i}]");
        }

        return [.. list.Distinct()];
    }
}
