using RelationshipGrains.Errors;

namespace RelationshipGrains.Validation;

/// <summary>Checks shared by customers' and partners' values profiles and by offers.</summary>
public static class CheckValues
{
    /// <summary>Named 0..1 weights: at most 16 names, each an id.</summary>
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
