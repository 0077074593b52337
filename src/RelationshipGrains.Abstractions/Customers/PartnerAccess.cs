namespace RelationshipGrains.Customers;

/// <summary>
/// One read of the customer's data by a partner: who, what, when, and under which consent grant (its scope and when
/// it was granted; none for the pseudonymous intent view every matched partner gets).
/// </summary>
/// <param name="PartnerId">The partner that read.</param>
/// <param name="What">
/// What it read, in words: <c>profile</c>, <c>conversation (n entries)</c> or <c>intent {id}</c> (with
/// <c>(pseudonymous)</c> when without consent).
/// </param>
/// <param name="At">When.</param>
/// <param name="Scope">The consent scope the read was made under; null for the pseudonymous intent view.</param>
/// <param name="ConsentGrantedAt">When the grant the read was made under was given; null for the pseudonymous intent view.</param>
[GenerateSerializer, Immutable, Alias("rg.PartnerAccess")]
public sealed record PartnerAccess(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] string What,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] ConsentScope? Scope,
    [property: Id(4)] DateTimeOffset? ConsentGrantedAt);
