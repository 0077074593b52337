namespace RelationshipGrains.Integration.Contracts;

/// <summary>A customer stated an intent; it was cast to the matching partners.</summary>
public record IntentExpressed(string CustomerId, string IntentId, string Category, decimal? BudgetAmount, string? BudgetCurrency,
    DateTimeOffset? Deadline, IReadOnlyList<string> MatchedPartnerIds, DateTimeOffset ExpressedAt);
