namespace RelationshipGrains.Customers;

/// <summary>A live consent grant: what one partner may see of this customer.</summary>
/// <param name="PartnerId">The partner the grant is to.</param>
/// <param name="Scopes">What the partner may see, without duplicates, in the order profile, conversation, intents.</param>
/// <param name="GrantedAt">When the customer granted it.</param>
/// <param name="ExpiresAt">When it lapses; null means until revoked.</param>
[GenerateSerializer, Immutable, Alias("rg.ConsentGrant")]
public sealed record ConsentGrant(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] IReadOnlyList<ConsentScope> Scopes,
    [property: Id(2)] DateTimeOffset GrantedAt,
    [property: Id(3)] DateTimeOffset? ExpiresAt)
{
    /// <summary>Whether the grant covers <paramref name="scope"/> at <paramref name="now"/>.</summary>
    /// <param name="scope">What the partner wants to see.</param>
    /// <param name="now">The time to judge the expiry at.</param>
    public bool Allows(ConsentScope scope, DateTimeOffset now) => Scopes.Contains(scope) && IsLive(now);

    /// <summary>Whether the grant has not lapsed at <paramref name="now"/>; a lapsed one is no consent anywhere.</summary>
    /// <param name="now">The time to judge the expiry at.</param>
    public bool IsLive(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
