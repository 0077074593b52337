using System.Text.RegularExpressions;

namespace RelationshipGrains.Grains.Privacy;

/// <summary>
/// A customer id where it stands as a word of its own in a sentence ("ann joined.", "(by ann)"), never inside another
/// id: erasing "ann" must not turn "joanna joined." into "jo…a joined.". Ids are a-z, 0-9, '.', '_' and '-'; a '.'
/// that ends the id's run but not another id is the sentence's full stop.
/// </summary>
public static class IdsInText
{
    public static bool Mentions(string text, string id) => Pattern(id).IsMatch(text);

    public static string Replace(string text, string id, string replacement) => Pattern(id).Replace(text, _ => replacement);

    private static Regex Pattern(string id) =>
        new($"(?<![a-z0-9._-]){Regex.Escape(id)}(?![a-z0-9_-]|\\.[a-z0-9_-])", RegexOptions.CultureInvariant);
}
