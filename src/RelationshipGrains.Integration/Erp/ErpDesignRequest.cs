namespace RelationshipGrains.Integration.Erp;

/// <summary>A selected idea handed to product design, with its attributes as the idea holds them.</summary>
public sealed record ErpDesignRequest(string IdeaId, string Community, string Title, string? Description,
    IReadOnlyDictionary<string, double> NumericAttributes, IReadOnlyDictionary<string, IReadOnlyList<string>> TextAttributes, double Fitness);
