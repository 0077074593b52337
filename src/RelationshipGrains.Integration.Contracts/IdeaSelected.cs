namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// A community's selection round selected an idea; product and the ERP take it into design with all its attributes:
/// named numbers (unit-cost: 35) and named lists of values (materials: [steel, oak]).
/// </summary>
public record IdeaSelected(string IdeaId, string Community, string Title, string? Description, string ProposerId,
    IReadOnlyDictionary<string, double> NumericAttributes, double Fitness, long Round, DateTimeOffset SelectedAt,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? TextAttributes = null);
