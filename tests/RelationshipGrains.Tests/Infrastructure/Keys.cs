namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>A unique grain key per test, so tests sharing a cluster never see each other's state.</summary>
public static class Keys
{
    public static string Customer(string prefix = "c") => $"{prefix}-{Guid.NewGuid():N}";
}
