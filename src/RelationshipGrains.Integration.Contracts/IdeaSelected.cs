namespace RelationshipGrains.Integration.Contracts;

/// <summary>A community's selection round selected an idea; product and the ERP take it into design.</summary>
public record IdeaSelected(string IdeaId, string Community, string Title, string? Description, string ProposerId,
    IReadOnlyDictionary<string, double> NumericAttributes, double Fitness, long Round, DateTimeOffset SelectedAt);
