using RelationshipGrains.Errors;

namespace RelationshipGrains.Customers;

/// <summary>How the customer directory is split and searched.</summary>
public static class CustomerDirectory
{
    /// <summary>Shards, so no single grain holds (and rewrites) every customer's card.</summary>
    public const int Shards = 64;

    /// <summary>Shortest query: one letter would list half the customers.</summary>
    public const int MinQueryLength = 2;

    /// <summary>Longest query.</summary>
    public const int MaxQueryLength = 100;

    /// <summary>Most results one search returns.</summary>
    public const int MaxResults = 50;

    /// <summary>A stable shard for a customer id (FNV-1a; string.GetHashCode differs between processes).</summary>
    public static int ShardOf(string customerId)
    {
        var hash = 2166136261u;
        foreach (var c in customerId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }

    /// <summary>The query trimmed, or a validation error naming the field.</summary>
    public static string CheckQuery(string? query, int limit)
    {
        var trimmed = query?.Trim() ?? "";
        if (trimmed.Length is < MinQueryLength or > MaxQueryLength)
        {
            throw new RelationshipValidationException("q", $"q must be {MinQueryLength} to {MaxQueryLength} characters.");
        }

        return limit is < 1 or > MaxResults
            ? throw new RelationshipValidationException("limit", $"limit must be between 1 and {MaxResults}.")
            : trimmed;
    }

    /// <summary>How well a card matches: 0 is no match; an exact id beats a name's start beats anything containing it.</summary>
    public static int Score(CustomerCard card, string query)
    {
        if (string.Equals(card.CustomerId, query, StringComparison.OrdinalIgnoreCase))
        {
            return 4;
        }

        if (card.DisplayName?.StartsWith(query, StringComparison.OrdinalIgnoreCase) == true)
        {
            return 3;
        }

        if (card.DisplayName?.Contains(query, StringComparison.OrdinalIgnoreCase) == true
            || card.CustomerId.Contains(query, StringComparison.OrdinalIgnoreCase))
        {
            return 2;
        }

        return card.Contacts.Any(c => c.Contains(query, StringComparison.OrdinalIgnoreCase))
            || card.Tags.Any(t => t.Contains(query, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
    }

    /// <summary>Best match first, then by name and id, so results read the same from every shard.</summary>
    public static IReadOnlyList<CustomerCard> Rank(IEnumerable<CustomerCard> cards, string query, int limit) =>
        [.. cards.Select(c => (Card: c, Score: Score(c, query)))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Card.DisplayName ?? m.Card.CustomerId, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Card.CustomerId, StringComparer.Ordinal)
            .Take(limit)
            .Select(m => m.Card)];
}
