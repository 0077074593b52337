namespace RelationshipGrains.Grains;

/// <summary>Names of the grain storage providers the grains expect the host to register.</summary>
public static class StorageNames
{
    /// <summary>Customer, community, idea, value chain and partner state.</summary>
    public const string Relationships = "relationships";
}
