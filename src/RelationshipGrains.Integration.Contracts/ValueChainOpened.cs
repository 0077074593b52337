namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// A customer started a value chain (its status is open): with the slots' roles, and the partners already in it (the
/// partner whose intent offer seeded it), so BI counts open chains and a seeding partner hears of its chain.
/// </summary>
public record ValueChainOpened(string ValueChainId, string CustomerId, string Title, IReadOnlyList<string> Roles, IReadOnlyList<string> PartnerIds, DateTimeOffset OpenedAt);
