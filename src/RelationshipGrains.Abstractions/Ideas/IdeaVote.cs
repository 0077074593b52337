namespace RelationshipGrains.Ideas;

/// <summary>One member's vote (+1 or -1), whether the member was an expert when voting, and when.</summary>
[GenerateSerializer, Immutable, Alias("rg.IdeaVote")]
public sealed record IdeaVote([property: Id(0)] int Value, [property: Id(1)] bool Expert, [property: Id(2)] DateTimeOffset At);
