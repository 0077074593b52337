using RelationshipGrains.Errors;

namespace RelationshipGrains.Customers;

/// <summary>
/// The entry-id prefixes of the timeline entries the grains make themselves: back-office news (<c>msg:</c>,
/// <c>case:</c>, <c>touch:</c>), other grains' notices (<c>vc:</c>, <c>community:</c>, <c>idea:</c>) and the customer's
/// own changes (<c>consent:</c>, <c>intent:</c>, <c>offer:</c>, <c>profile:</c>). A caller's id may not start with one:
/// recorded first, an interaction "case:c-42" stood for that case, whose updates were then refused, and one named as a
/// notice made the notice look resent, so it was dropped.
/// </summary>
public static class ReservedEntryIds
{
    /// <summary>The reserved prefixes without their colon: the check, the error and the published pattern are made from them.</summary>
    private static readonly string[] Prefixes = ["msg", "case", "touch", "vc", "community", "idea", "consent", "intent", "offer", "profile"];

    /// <summary>The reserved prefixes, as an error lists them.</summary>
    public static readonly string Listed = $"{string.Join(", ", Prefixes[..^1].Select(p => p + ":"))} and {Prefixes[^1]}:";

    /// <summary>A request id (<see cref="Validation.Check.RequestIdPatternText"/>) that starts with no reserved prefix.</summary>
    public static readonly string PatternText = $"^(?!(?:{string.Join('|', Prefixes)}):)[A-Za-z0-9._:-]+$";

    /// <summary>Refuses a caller's entry id that starts with a reserved prefix; anything else is checked by the request's own validation.</summary>
    /// <param name="id">The caller's id; null passes, for the request's validation to report.</param>
    /// <param name="field">The field that carried it, named by the error.</param>
    /// <exception cref="RelationshipValidationException">The id starts with a reserved prefix.</exception>
    public static void RefuseFromCaller(string? id, string field)
    {
        var colon = id?.IndexOf(':') ?? -1;
        if (colon > 0 && IsReserved(id.AsSpan(0, colon)))
        {
            throw new RelationshipValidationException(field,
                $"{field} may not start with '{id![..(colon + 1)]}': ids starting with {Listed} name entries the system makes.");
        }
    }

    private static bool IsReserved(ReadOnlySpan<char> prefix)
    {
        foreach (var reserved in Prefixes)
        {
            if (prefix.SequenceEqual(reserved))
            {
                return true;
            }
        }

        return false;
    }
}
