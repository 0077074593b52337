namespace RelationshipGrains.Customers;

/// <summary>
/// What an erasure did: when, which partners were told (through <c>CustomerErased</c>) to erase their copies, and
/// whether the texts of the customer's community posts and idea comments were removed (the default) or kept under
/// the pseudonym because the operator chose so. Asking again returns the same receipt while nothing new was recorded.
/// </summary>
/// <param name="CustomerId">The erased customer's id.</param>
/// <param name="ErasedAt">When the erasure was recorded.</param>
/// <param name="PartnersNotified">
/// The partners told to erase their copies: those that hold or held consent (revoked or expired), read the customer's
/// data (as the partner-access log kept it) or were cast an intent, sorted by id.
/// </param>
/// <param name="ValueChainsKept">
/// The ids of the customer's value chains, kept under a pseudonym because partners rely on them; also of chains noted
/// for the customer but never written, named so that creating one again is refused. An erasure asked again adds a
/// chain noted since.
/// </param>
/// <param name="CommunitiesPseudonymised">
/// The slugs of the communities where the customer now goes by a pseudonym; null in receipts from before communities
/// were tracked.
/// </param>
/// <param name="PostTextsKept">Whether the operator kept the texts of the customer's posts and comments (false: they read "[removed]").</param>
[GenerateSerializer, Immutable, Alias("rg.ErasureReceipt")]
public sealed record ErasureReceipt(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] DateTimeOffset ErasedAt,
    [property: Id(2)] IReadOnlyList<string> PartnersNotified,
    [property: Id(3)] IReadOnlyList<string> ValueChainsKept,
    [property: Id(4)] IReadOnlyList<string>? CommunitiesPseudonymised = null,
    [property: Id(5)] bool PostTextsKept = false);
