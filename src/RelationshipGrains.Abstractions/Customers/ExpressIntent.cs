using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>What the customer wants: text, category, budget, deadline and constraints. The id makes it idempotent.</summary>
/// <param name="IntentId">The caller's id for the intent, 1-128 letters, digits, '.', '_', ':' or '-': a retry under it records nothing new.</param>
/// <param name="Text">What the customer wants, in their words: 1-2,000 characters.</param>
/// <param name="Category">
/// What kind of thing it is, an id (1-64 characters of a-z, 0-9, '.', '_' or '-'); partners serving this category are
/// matched.
/// </param>
/// <param name="Budget">What the customer will spend: more than zero, in a three-letter currency; null when not said.</param>
/// <param name="Deadline">When the customer needs it by, in the future; null when not said.</param>
/// <param name="Constraints">Conditions in the customer's words, at most 20 of 1-200 characters each; null for none.</param>
[GenerateSerializer, Immutable, Alias("rg.ExpressIntent")]
public sealed record ExpressIntent(
    [property: Id(0)] string IntentId,
    [property: Id(1)] string Text,
    [property: Id(2)] string Category,
    [property: Id(3)] Money? Budget = null,
    [property: Id(4)] DateTimeOffset? Deadline = null,
    [property: Id(5)] IReadOnlyList<string>? Constraints = null)
{
    /// <summary>Checks every field; the deadline must lie after <paramref name="now"/>.</summary>
    /// <param name="now">The current time, which the deadline must lie after.</param>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field is missing or malformed, the deadline is not in the future, or there are more than 20 constraints; the
    /// field is named.
    /// </exception>
    public void Validate(DateTimeOffset now)
    {
        Check.RequestId(IntentId, "intentId");
        Check.Text(Text, "text", Limits.IntentText);
        Check.Id(Category, "category");
        if (Budget is not null)
        {
            CheckValues.Money(Budget, "budget");
        }

        if (Deadline is { } deadline && deadline <= now)
        {
            throw new RelationshipValidationException("deadline", "deadline must lie in the future.");
        }

        var constraints = Check.List(Constraints, "constraints", Limits.IntentConstraints);
        for (var i = 0; i < constraints.Count; i++)
        {
            Check.Text(constraints[i], $"constraints[{i}]", Limits.ShortText);
        }
    }
}
