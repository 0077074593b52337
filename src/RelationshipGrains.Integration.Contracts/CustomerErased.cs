namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// A customer's personal data was erased. Every system that copied it erases its copy; the partners named hold or
/// held consent from the customer, read their data, or were cast one of their intents.
/// </summary>
public record CustomerErased(string CustomerId, IReadOnlyList<string> PartnerIds, DateTimeOffset ErasedAt);
