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
    /// <param name="customerId">The customer's id.</param>
    /// <returns>The shard, 0 to 63.</returns>
    public static int ShardOf(string customerId)
    {
        var hash = 2166136261u;
        foreach (var c in customerId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }

    /// <summary>
    /// What the published contract allows for a query: at least two characters once the spaces around it are trimmed,
    /// as <see cref="CheckQuery"/> counts them (2 is <see cref="MinQueryLength"/>).
    /// </summary>
    public const string QueryPatternText = @"^\s*\S[\s\S]*\S\s*$";

    /// <summary>The query trimmed, or a validation error naming the field.</summary>
    /// <param name="query">What to look for: 2-100 characters after trimming.</param>
    /// <param name="limit">Most cards wanted, 1-50.</param>
    /// <returns>The trimmed query.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The query is out of range (field <c>q</c>) or the limit is (field <c>limit</c>).
    /// </exception>
    public static string CheckQuery(string? query, int limit)
    {
        var trimmed = query?.Trim() ?? "";
        if (trimmed.Length is < MinQueryLength or > MaxQueryLength)
        {
            throw new RelationshipValidationException("q", $"q must be {MinQueryLength} to {MaxQueryLength} characters, not counting spaces around it.");
        }

        return limit is < 1 or > MaxResults
            ? throw new RelationshipValidationException("limit", $"limit must be between 1 and {MaxResults}.")
            : trimmed;
    }

    /// <summary>How well a card matches: 0 is no match; an exact id beats a name's start beats anything containing it.</summary>
    /// <param name="card">The card to judge.</param>
    /// <param name="query">The checked query.</param>
    /// <returns>
    /// 4 for the exact id (ignoring case), 3 when the name starts with the query, 2 when the name or id contains it, 1
    /// when a contact address or tag does, otherwise 0.
    /// </returns>
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
    /// <param name="cards">The cards to rank, from one shard or from all of them.</param>
    /// <param name="query">The checked query.</param>
    /// <param name="limit">Most cards to return.</param>
    /// <returns>The matching cards, at most <paramref name="limit"/>.</returns>
    public static IReadOnlyList<CustomerCard> Rank(IEnumerable<CustomerCard> cards, string query, int limit) =>
        [.. cards.Select(c => (Card: c, Score: Score(c, query)))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Card.DisplayName ?? m.Card.CustomerId, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Card.CustomerId, StringComparer.Ordinal)
            .Take(limit)
            .Select(m => m.Card)];
}
