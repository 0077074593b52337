namespace RelationshipGrains.Customers;

/// <summary>
/// One read of the customer's data by a partner: who, what, when, and under which consent grant (its scope and when
/// it was granted; none for the pseudonymous intent view every matched partner gets).
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.PartnerAccess")]
public sealed record PartnerAccess(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] string What,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] ConsentScope? Scope,
    [property: Id(4)] DateTimeOffset? ConsentGrantedAt);
