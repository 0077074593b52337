namespace RelationshipGrains.Api.Ideas;

/// <summary>Evidence for an idea: a customer's timeline entry (customer id and sequence), or a social mention.</summary>
public sealed record EvidenceBody(string? CustomerId = null, long? Sequence = null, MentionBody? Mention = null);
