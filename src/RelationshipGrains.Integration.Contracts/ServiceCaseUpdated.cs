namespace RelationshipGrains.Integration.Contracts;

/// <summary>Inbound: the service desk opened or moved a case (status: open, pending, resolved, closed).</summary>
public record ServiceCaseUpdated(string CustomerId, string CaseId, string Subject, string Status, string? Note, DateTimeOffset? OccurredAt = null);
