namespace RelationshipGrains.ValueChains;

/// <summary>Where a committed slot's partner is with its part. Moves one step forward at a time, or to Failed.</summary>
[GenerateSerializer, Alias("rg.FulfilmentStatus")]
public enum FulfilmentStatus
{
    /// <summary>Not committed yet.</summary>
    Pending,
    /// <summary>The partner accepted the committed order.</summary>
    Accepted,
    /// <summary>Being made or prepared.</summary>
    InProduction,
    /// <summary>On its way.</summary>
    Shipped,
    /// <summary>Done.</summary>
    Delivered,
    /// <summary>The partner could not deliver.</summary>
    Failed,
}
