using RelationshipGrains.Customers;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Api.Customers;

/// <summary>The export as JSON; <c>timeline</c> is written as it streams from the grain, never held whole.</summary>
public sealed record CustomerExportDocument(
    string CustomerId,
    DateTimeOffset ExportedAt,
    CustomerProfile? Profile,
    IReadOnlyList<Intent> Intents,
    IReadOnlyList<ConsentGrant> Consents,
    ValuesProfile Values,
    IReadOnlyList<ValueChainView> ValueChains,
    IReadOnlyList<PartnerAccess> PartnerReads,
    long LatestSequence,
    IAsyncEnumerable<TimelineEntry> Timeline);
