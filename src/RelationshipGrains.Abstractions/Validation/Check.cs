using System.Buffers;
using RelationshipGrains.Errors;
using RelationshipGrains.Naming;

namespace RelationshipGrains.Validation;

/// <summary>Input checks shared by grains and the HTTP API; each failure names its field.</summary>
public static class Check
{
    /// <summary>
    /// An id of a customer, partner, staff member, category or tag: 1-64 chars of a-z, 0-9, '.', '_' or '-', other than
    /// "." and "..". Ids name journals in blob paths, where Azure and the SDK's URIs fold a segment of "." or ".." into
    /// its neighbours: customer ".." and community ".." would have shared the blob "log".
    /// </summary>
    /// <param name="value">The id to check; null or empty is refused as missing.</param>
    /// <param name="field">The field's name in the JSON spelling of the HTTP API, used as the error's field and in its message.</param>
    /// <returns>The id, unchanged.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The id is missing, longer than 64 characters, holds anything but a-z, 0-9, '.', '_' or '-', or is "." or "..".
    /// </exception>
    public static string Id(string? value, string field) =>
        Matching(value, field, Limits.IdLength, IdChars, "characters of lower-case letters, digits, '.', '_' or '-'") is not ("." or "..") and var id
            ? id
            : throw new RelationshipValidationException(field, $"{field} may not be '.' or '..'.");

    /// <summary>Whether <paramref name="value"/> is a well-formed id, without throwing.</summary>
    /// <param name="value">The text to test; null is not an id.</param>
    /// <returns>True for 1-64 characters of a-z, 0-9, '.', '_' or '-', other than "." and "..".</returns>
    public static bool IsId(string? value) =>
        value is { Length: > 0 and <= Limits.IdLength } and not ("." or "..") && !value.AsSpan().ContainsAnyExcept(IdChars);

    /// <summary>A person's subject at a sign-in provider: 1-255 visible ASCII characters, kept as given.</summary>
    /// <param name="value">
    /// The subject as the sign-in provider gives it (case and characters such as '|' are kept); null or empty is
    /// refused as missing.
    /// </param>
    /// <param name="field">The field's name in the JSON spelling of the HTTP API, used as the error's field and in its message.</param>
    /// <returns>The subject, unchanged.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The subject is missing, longer than 255 characters, or holds a space or anything outside visible ASCII ('!' to
    /// '~').
    /// </exception>
    public static string Subject(string? value, string field) =>
        Matching(value, field, Limits.SubjectLength, SubjectChars, "visible ASCII characters (no spaces)");

    /// <summary>A client-supplied request id: 1-128 chars of letters, digits, '.', '_', ':' or '-'.</summary>
    /// <param name="value">The caller's id; null or empty is refused as missing.</param>
    /// <param name="field">The field's name in the JSON spelling of the HTTP API, used as the error's field and in its message.</param>
    /// <returns>The id, unchanged.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The id is missing, longer than 128 characters, or holds anything but letters, digits, '.', '_', ':' or '-'.
    /// </exception>
    public static string RequestId(string? value, string field) =>
        Matching(value, field, Limits.RequestIdLength, RequestIdChars, "characters of letters, digits, '.', '_', ':' or '-'");

    /// <summary>Required, at most <paramref name="maxLength"/> characters, all of <paramref name="chars"/>, which <paramref name="allowed"/> says in words.</summary>
    private static string Matching(string? value, string field, int maxLength, SearchValues<char> chars, string allowed)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new RelationshipValidationException(field, $"{field} is required.");
        }

        if (value.Length > maxLength || value.AsSpan().ContainsAnyExcept(chars))
        {
            throw new RelationshipValidationException(field, $"{field} must be 1-{maxLength} {allowed}.");
        }

        return value;
    }

    /// <summary>Required free text without control characters other than line breaks and tabs.</summary>
    /// <param name="value">The text; null, empty or only white space is refused as missing.</param>
    /// <param name="field">The field's name in the JSON spelling of the HTTP API, used as the error's field and in its message.</param>
    /// <param name="maxLength">Most characters allowed, counted as UTF-16 code units (for example 8,000 for an interaction's text).</param>
    /// <returns>The text, unchanged (it is not trimmed).</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The text is missing, longer than <paramref name="maxLength"/>, or holds a control character other than a line
    /// break or tab.
    /// </exception>
    public static string Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RelationshipValidationException(field, $"{field} is required.");
        }

        return OptionalText(value, field, maxLength)!;
    }

    /// <summary>Optional free text: null is allowed, anything else is checked as <see cref="Text"/>.</summary>
    /// <param name="value">The text, or null when it is left out; null and empty text both pass.</param>
    /// <param name="field">The field's name in the JSON spelling of the HTTP API, used as the error's field and in its message.</param>
    /// <param name="maxLength">Most characters allowed, counted as UTF-16 code units.</param>
    /// <returns>The text, unchanged, or null.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The text is longer than <paramref name="maxLength"/>, or holds a control character other than a line break or
    /// tab.
    /// </exception>
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
    /// <param name="value">The URL as given; null is refused.</param>
    /// <param name="field">The field's name in the JSON spelling of the HTTP API, used as the error's field and in its message.</param>
    /// <returns>The parsed URL.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The value is missing, longer than 2,000 characters, not absolute, or not http or https.
    /// </exception>
    public static Uri HttpUrl(string? value, string field) =>
        value is { Length: <= 2_000 } && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new RelationshipValidationException(field, $"{field} must be an absolute http or https URL.");

    /// <summary>A value that must be present.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value; null is refused.</param>
    /// <param name="field">The field's name in the JSON spelling of the HTTP API, used as the error's field and in its message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The value is null.</exception>
    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new RelationshipValidationException(field, $"{field} is required.");

    /// <summary>An enum value that must be one of the named members.</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <param name="value">The value; null is refused.</param>
    /// <param name="field">The field's name in the JSON spelling of the HTTP API, used as the error's field and in its message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The value is null, or not one of the named members of <typeparamref name="T"/> (the message lists them).
    /// </exception>
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
    /// <param name="value">When it happened, as the sender says; null means now.</param>
    /// <param name="now">The current time on our clock.</param>
    /// <param name="field">The field's name in errors; <c>occurredAt</c> unless given.</param>
    /// <returns><paramref name="value"/>, or <paramref name="now"/> when it is null.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The time is before 1970 (an unset date arrives as year 1), or more than 10 minutes ahead of
    /// <paramref name="now"/>.
    /// </exception>
    public static DateTimeOffset OccurredAt(DateTimeOffset? value, DateTimeOffset now, string field = "occurredAt") => value switch
    {
        null => now,
        { } at when at < DateTimeOffset.UnixEpoch => throw new RelationshipValidationException(field, $"{field} ({at:O}) is before 1970; send when it happened, or leave it out for now."),
        { } at when at > now + ClockSkew => throw new RelationshipValidationException(field, $"{field} ({at:O}) is in the future by more than {ClockSkew.TotalMinutes:0} minutes."),
        { } at => at,
    };

    /// <summary>A list no longer than <paramref name="max"/>; null reads as empty.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="value">The list; null reads as empty.</param>
    /// <param name="field">The field's name in the JSON spelling of the HTTP API, used as the error's field and in its message.</param>
    /// <param name="max">Most items allowed.</param>
    /// <returns>The list, or an empty one for null.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The list holds more than <paramref name="max"/> items.</exception>
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
    public const string IdPatternText = "^(?!\\.\\.?$)[a-z0-9._-]+$";

    /// <summary>What a client-supplied request id may hold.</summary>
    public const string RequestIdPatternText = "^[A-Za-z0-9._:-]+$";

    /// <summary>What a staff member's id (a sign-in subject) may hold.</summary>
    public const string SubjectPatternText = "^[!-~]+$";

    // Checked by character set rather than by the patterns above: a .NET regex's '$' also matches before a final line
    // break, so "bob\n" passed as an id, and a regex match was about 3% of an in-silo RecordInteraction's CPU.
    private static readonly SearchValues<char> IdChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789._-");
    private static readonly SearchValues<char> RequestIdChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-");
    private static readonly SearchValues<char> SubjectChars = SearchValues.Create(
        string.Concat(Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c)));
}
