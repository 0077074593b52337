using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Communities;

/// <summary>
/// An operator creates or reconfigures a community: name, topics, ecology settings, the rules ideas must pass, and
/// the customers (the company's people) who are its staff; staff then appoint moderators and experts.
/// </summary>
/// <param name="Name">The community's name, 1-200 characters.</param>
/// <param name="Topics">Topics, at most 20, each an id (1-64 characters of a-z, 0-9, '.', '_' or '-'); null for none.</param>
/// <param name="Settings">How the idea ecology runs; null for the defaults.</param>
/// <param name="Rules">The rules ideas must pass, at most 50, each with its own name; null for none.</param>
/// <param name="Staff">
/// Customer ids of the company's people to make staff, at most 50 (joining them if they are not members); null for
/// none. Reconfiguring does not demote earlier staff.
/// </param>
[GenerateSerializer, Immutable, Alias("rg.ConfigureCommunity")]
public sealed record ConfigureCommunity(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string>? Topics = null,
    [property: Id(2)] CommunitySettings? Settings = null,
    [property: Id(3)] IReadOnlyList<IdeaRule>? Rules = null,
    [property: Id(4)] IReadOnlyList<string>? Staff = null)
{
    /// <summary>Checks every field.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field is missing, malformed or out of range, a list is too long, or two rules share a name; the field is
    /// named.
    /// </exception>
    public void Validate()
    {
        Check.Text(Name, "name", Limits.DisplayName);
        CheckValues.Ids(Topics, "topics", 20);
        CheckValues.Ids(Staff, "staff", 50);
        Settings?.Validate();
        var rules = Check.List(Rules, "rules", 50);
        for (var i = 0; i < rules.Count; i++)
        {
            (rules[i] ?? throw new RelationshipValidationException($"rules[{i}]", "rule must not be null.")).Validate($"rules[{i}]");
        }

        if (rules.Select(r => r.Name).Distinct().Count() != rules.Count)
        {
            throw new RelationshipValidationException("rules", "Each rule needs its own name.");
        }
    }
}
