namespace RelationshipGrains.Grains.Privacy;

/// <summary>
/// Titles quoted in sentences ("'Seed swap' was merged into 'Tool library'."), replaced when their words go with an
/// erased customer. Only a whole quoted title is replaced, so a title inside another is left alone.
/// </summary>
public static class QuotedTitles
{
    /// <summary>The text with each of <paramref name="titles"/> quoted in it replaced; the same instance when none is.</summary>
    public static string Replace(string text, IReadOnlyCollection<string> titles, string replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(titles);
        foreach (var title in titles)
        {
            var quoted = $"'{title}'";
            if (title.Length > 0 && text.Contains(quoted, StringComparison.Ordinal))
            {
                text = text.Replace(quoted, $"'{replacement}'", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
