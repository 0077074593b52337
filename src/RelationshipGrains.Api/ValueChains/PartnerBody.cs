namespace RelationshipGrains.Api.ValueChains;

/// <summary>Names a partner (to invite, or whose offer to accept).</summary>
public sealed record PartnerBody(string PartnerId);
