using System.Collections.Frozen;
using System.Text.Json;

namespace RelationshipGrains.Naming;

/// <summary>
/// The one spelling every surface gives an enum value: lower-case kebab (<c>in-design</c>, <c>store</c>), the same
/// spelling requests use. Responses, live feeds, webhooks, bus events, reports and error messages all spell through here.
/// </summary>
public static class Kebab
{
    /// <summary>The spelling of one enum value (an undefined value is spelled from its number).</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <param name="value">The value to spell.</param>
    /// <returns>The lower-case kebab spelling, for example <c>in-design</c>.</returns>
    public static string Of<T>(T value) where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name) ? name : Of(value.ToString());

    /// <summary>The spelling of a C# member name; a name already in kebab form stays as it is.</summary>
    /// <param name="name">A C# member name such as <c>InDesign</c>, or a name already in kebab form.</param>
    /// <returns>The name in lower-case kebab form.</returns>
    public static string Of(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    /// <summary>The spelling with spaces between words, for sentences a person reads ("is now in design").</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <param name="value">The value to spell.</param>
    /// <returns>The kebab spelling with spaces for its dashes, for example <c>in design</c>.</returns>
    public static string Words<T>(T value) where T : struct, Enum => Of(value).Replace('-', ' ');

    /// <summary>A spelled value with its indefinite article, for sentences ("an interaction", "a moderator").</summary>
    /// <param name="spelled">A value as <see cref="Of{T}(T)"/> or <see cref="Words{T}(T)"/> spell it.</param>
    /// <returns>The value after "a", or "an" when it starts with a vowel.</returns>
    public static string WithArticle(string spelled) =>
        (spelled.Length > 0 && "aeiou".Contains(spelled[0], StringComparison.Ordinal) ? "an " : "a ") + spelled;

    /// <summary>Every member of an enum, spelled, for messages that say what is allowed.</summary>
    /// <typeparam name="T">The enum type whose members are listed.</typeparam>
    /// <returns>Every member spelled, in declaration order, separated by commas (for example <c>web, email, chat</c>).</returns>
    public static string List<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Of));

    /// <summary>
    /// Reads a value a back-office system sent: the kebab spelling, or the member name in any case, with dashes or
    /// underscores between words. Numbers are refused, so "3" never becomes a member.
    /// </summary>
    /// <typeparam name="T">The enum type to read.</typeparam>
    /// <param name="text">
    /// What the sender wrote, for example <c>in-design</c>, <c>InDesign</c> or <c>IN_DESIGN</c>; null or empty names
    /// nothing.
    /// </param>
    /// <param name="value">The member read, or the default value when the method returns false.</param>
    /// <returns>True when the text names a defined member; text holding anything but letters, dashes and underscores never does.</returns>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var bare = (text ?? "").Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return bare.Length > 0 && bare.All(char.IsAsciiLetter) && Enum.TryParse(bare, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>Spelled once per enum type, so the event on every write does not box or convert.</summary>
    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => Of(v.ToString()));
    }
}
