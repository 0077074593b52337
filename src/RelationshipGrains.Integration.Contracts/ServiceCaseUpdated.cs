namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// Inbound: the service desk opened or moved a case (status: open, pending, resolved, closed). Updates apply by
/// <c>OccurredAt</c>: one older than the status the case shows is recorded and leaves that status.
/// </summary>
public record ServiceCaseUpdated(string CustomerId, string CaseId, string Subject, string Status, string? Note, DateTimeOffset? OccurredAt = null);
