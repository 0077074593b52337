using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Ideas;

namespace RelationshipGrains.Grains.Ideas;

[GenerateSerializer, Alias("rg.IdeaState")]
public sealed class IdeaState
{
    /// <summary>Null until the idea is created.</summary>
    [Id(0)] public string? Community { get; set; }
    [Id(1)] public string ProposerId { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public string? Description { get; set; }
    [Id(4)] public IdeaAttributes Attributes { get; set; } = IdeaAttributes.None;
    [Id(5)] public IdeaStatus Status { get; set; }
    [Id(6)] public DateTimeOffset ProposedAt { get; set; }
    [Id(7)] public List<string> Lineage { get; set; } = [];
    [Id(8)] public List<string> Forks { get; set; } = [];
    [Id(9)] public string? MergedInto { get; set; }
    [Id(10)] public List<string> MergedFrom { get; set; } = [];
    [Id(11)] public Dictionary<string, IdeaVote> Votes { get; set; } = [];

    /// <summary>Votes cast while shortlisted: the members' final say before selection.</summary>
    [Id(12)] public Dictionary<string, int> FinalBallot { get; set; } = [];
    [Id(13)] public List<IdeaComment> Comments { get; set; } = [];
    [Id(14)] public List<IdeaDecision> Decisions { get; set; } = [];

    /// <summary>Who asked for the idea and where; counted once per asker in fitness, never as votes.</summary>
    [Id(15)] public List<IdeaEvidence> Evidence { get; set; } = [];

    /// <summary>Integration events written with the changes that caused them, until the broker accepts them.</summary>
    [Id(16)] public List<OutboxMessage> Outbox { get; set; } = [];
}
