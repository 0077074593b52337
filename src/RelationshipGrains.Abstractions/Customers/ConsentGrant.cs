namespace RelationshipGrains.Customers;

/// <summary>A live consent grant: what one partner may see of this customer.</summary>
[GenerateSerializer, Immutable, Alias("rg.ConsentGrant")]
public sealed record ConsentGrant(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] IReadOnlyList<ConsentScope> Scopes,
    [property: Id(2)] DateTimeOffset GrantedAt,
    [property: Id(3)] DateTimeOffset? ExpiresAt)
{
    /// <summary>Whether the grant covers <paramref name="scope"/> at <paramref name="now"/>.</summary>
    public bool Allows(ConsentScope scope, DateTimeOffset now) => Scopes.Contains(scope) && (ExpiresAt is null || ExpiresAt > now);
}
