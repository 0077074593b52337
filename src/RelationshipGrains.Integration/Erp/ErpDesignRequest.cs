namespace RelationshipGrains.Integration.Erp;

/// <summary>A selected idea handed to product design.</summary>
public sealed record ErpDesignRequest(string IdeaId, string Community, string Title, string? Description,
    IReadOnlyDictionary<string, double> Attributes, double Fitness);
