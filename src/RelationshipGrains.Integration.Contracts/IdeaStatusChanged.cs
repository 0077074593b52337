namespace RelationshipGrains.Integration.Contracts;

/// <summary>An idea customers asked for moved on; marketing and service can tell the customers who asked.</summary>
public record IdeaStatusChanged(string IdeaId, string Community, string Title, string Status, IReadOnlyList<string> AskingCustomerIds, DateTimeOffset ChangedAt);
