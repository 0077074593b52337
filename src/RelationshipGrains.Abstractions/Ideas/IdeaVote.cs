namespace RelationshipGrains.Ideas;

/// <summary>One member's vote (+1 or -1), whether the member was an expert when voting, and when.</summary>
/// <param name="Value">+1 to support, -1 to oppose.</param>
/// <param name="Expert">Whether the member was an expert when voting.</param>
/// <param name="At">When the vote was cast or last changed.</param>
[GenerateSerializer, Immutable, Alias("rg.IdeaVote")]
public sealed record IdeaVote([property: Id(0)] int Value, [property: Id(1)] bool Expert, [property: Id(2)] DateTimeOffset At);
