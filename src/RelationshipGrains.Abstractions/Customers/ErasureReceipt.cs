namespace RelationshipGrains.Customers;

/// <summary>
/// What an erasure did: when, which partners were told (through <c>CustomerErased</c>) to erase their copies, and
/// whether the texts of the customer's community posts and idea comments were removed (the default) or kept under
/// the pseudonym because the operator chose so. Asking again returns the same receipt while nothing new was recorded.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.ErasureReceipt")]
public sealed record ErasureReceipt(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] DateTimeOffset ErasedAt,
    [property: Id(2)] IReadOnlyList<string> PartnersNotified,
    [property: Id(3)] IReadOnlyList<string> ValueChainsKept,
    [property: Id(4)] IReadOnlyList<string>? CommunitiesPseudonymised = null,
    [property: Id(5)] bool PostTextsKept = false);
