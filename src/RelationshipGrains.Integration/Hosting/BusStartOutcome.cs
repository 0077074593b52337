namespace RelationshipGrains.Integration.Hosting;

/// <summary>Why the bus refused to start, if it did; the silo exits with code 1 when it is set.</summary>
public sealed class BusStartOutcome
{
    public string? Refusal { get; internal set; }
}
