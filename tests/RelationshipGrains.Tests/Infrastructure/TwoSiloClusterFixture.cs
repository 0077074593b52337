namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>A cluster of two silos, for tests that stop or kill one of them.</summary>
public sealed class TwoSiloClusterFixture() : ClusterFixture(2);
