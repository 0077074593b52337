using System.Text.RegularExpressions;
using RelationshipGrains.Errors;
using RelationshipGrains.Naming;

namespace RelationshipGrains.Validation;

/// <summary>Input checks shared by grains and the HTTP API; each failure names its field.</summary>
public static partial class Check
{
    /// <summary>An id of a customer, partner, staff member, category or tag: 1-64 chars of a-z, 0-9, '.', '_' or '-'.</summary>
    public static string Id(string? value, string field) =>
        Matching(value, field, Limits.IdLength, IdPattern(), "characters of lower-case letters, digits, '.', '_' or '-'");

    /// <summary>Whether <paramref name="value"/> is a well-formed id, without throwing.</summary>
    public static bool IsId(string? value) => value is { Length: > 0 and <= Limits.IdLength } && IdPattern().IsMatch(value);

    /// <summary>A person's subject at a sign-in provider: 1-255 visible ASCII characters, kept as given.</summary>
    public static string Subject(string? value, string field) =>
        Matching(value, field, Limits.SubjectLength, SubjectPattern(), "visible ASCII characters (no spaces)");

    /// <summary>A client-supplied request id: 1-128 chars of letters, digits, '.', '_', ':' or '-'.</summary>
    public static string RequestId(string? value, string field) =>
        Matching(value, field, Limits.RequestIdLength, RequestIdPattern(), "characters of letters, digits, '.', '_', ':' or '-'");

    /// <summary>Required, at most <paramref name="maxLength"/> characters, all matching <paramref name="pattern"/>, which <paramref name="allowed"/> says in words.</summary>
    private static string Matching(string? value, string field, int maxLength, Regex pattern, string allowed)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new RelationshipValidationException(field, $"{field} is required.");
        }

        if (value.Length > maxLength || !pattern.IsMatch(value))
        {
            throw new RelationshipValidationException(field, $"{field} must be 1-{maxLength} {allowed}.");
        }

        return value;
    }

    /// <summary>Required free text without control characters other than line breaks and tabs.</summary>
    public static string Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RelationshipValidationException(field, $"{field} is required.");
        }

        return OptionalText(value, field, maxLength)!;
    }

    /// <summary>Optional free text: null is allowed, anything else is checked as <see cref="Text"/>.</summary>
    public static string? OptionalText(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            throw new RelationshipValidationException(field, $"{field} must be at most {maxLength} characters (it has {value.Length}).");
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                throw new RelationshipValidationException(field, $"{field} must not contain control characters.");
            }
        }

        return value;
    }

    /// <summary>An absolute http or https URL of at most 2,000 characters.</summary>
    public static Uri HttpUrl(string? value, string field) =>
        value is { Length: <= 2_000 } && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new RelationshipValidationException(field, $"{field} must be an absolute http or https URL.");

    /// <summary>A value that must be present.</summary>
    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new RelationshipValidationException(field, $"{field} is required.");

    /// <summary>An enum value that must be one of the named members.</summary>
    public static T Defined<T>(T? value, string field) where T : struct, Enum
    {
        var present = Required(value, field);
        if (!Enum.IsDefined(present))
        {
            throw new RelationshipValidationException(field, $"{field} must be one of: {Kebab.List<T>()}.");
        }

        return present;
    }

    /// <summary>How far ahead of our clock a sender's may run before its time is refused.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>
    /// When something happened, as its sender says: absent means now; before 1970 or more than
    /// <see cref="ClockSkew"/> ahead of <paramref name="now"/> is refused (an unset date arrives as year 1).
    /// </summary>
    public static DateTimeOffset OccurredAt(DateTimeOffset? value, DateTimeOffset now, string field = "occurredAt") => value switch
    {
        null => now,
        { } at when at < DateTimeOffset.UnixEpoch => throw new RelationshipValidationException(field, $"{field} ({at:O}) is before 1970; send when it happened, or leave it out for now."),
        { } at when at > now + ClockSkew => throw new RelationshipValidationException(field, $"{field} ({at:O}) is in the future by more than {ClockSkew.TotalMinutes:0} minutes."),
        { } at => at,
    };

    /// <summary>A list no longer than <paramref name="max"/>; null reads as empty.</summary>
    public static IReadOnlyList<T> List<T>(IReadOnlyList<T>? value, string field, int max)
    {
        var list = value ?? [];
        if (list.Count > max)
        {
            throw new RelationshipValidationException(field, $"{field} may hold at most {max} items (it has {list.Count}).");
        }

        return list;
    }

    /// <summary>What an id may hold, as a regular expression (the OpenAPI document publishes it).</summary>
    public const string IdPatternText = "^[a-z0-9._-]+$";

    /// <summary>What a client-supplied request id may hold.</summary>
    public const string RequestIdPatternText = "^[A-Za-z0-9._:-]+$";

    /// <summary>What a staff member's id (a sign-in subject) may hold.</summary>
    public const string SubjectPatternText = "^[!-~]+$";

    [GeneratedRegex(SubjectPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(IdPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(RequestIdPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdPattern();
}
