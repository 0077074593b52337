namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// A customer's personal data was erased. Every system that copied it erases its copy; the partners named held
/// consent or a value-chain slot with the customer.
/// </summary>
public record CustomerErased(string CustomerId, IReadOnlyList<string> PartnerIds, DateTimeOffset ErasedAt);
