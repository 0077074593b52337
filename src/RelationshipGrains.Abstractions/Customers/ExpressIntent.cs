using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>What the customer wants: text, category, budget, deadline and constraints. The id makes it idempotent.</summary>
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
