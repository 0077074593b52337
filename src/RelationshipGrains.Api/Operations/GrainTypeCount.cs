namespace RelationshipGrains.Api.Operations;

/// <summary>How many activations of one grain type the cluster holds.</summary>
public sealed record GrainTypeCount(string GrainType, int Activations);
