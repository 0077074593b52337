using RelationshipGrains.Communities;
using RelationshipGrains.Ideas;

namespace RelationshipGrains.Grains.Communities;

[GenerateSerializer, Alias("rg.CommunityState")]
public sealed class CommunityState
{
    /// <summary>Null until an operator configures the community.</summary>
    [Id(0)] public string? Name { get; set; }
    [Id(1)] public List<string> Topics { get; set; } = [];
    [Id(2)] public CommunitySettings Settings { get; set; } = new();
    [Id(3)] public List<IdeaRule> Rules { get; set; } = [];
    [Id(4)] public Dictionary<string, Member> Members { get; set; } = [];
    [Id(5)] public List<CommunityPost> Posts { get; set; } = [];
    [Id(6)] public List<string> Ideas { get; set; } = [];

    /// <summary>The recent window of the live feed; sequences continue from <see cref="LastEvent"/>.</summary>
    [Id(7)] public List<CommunityEvent> Feed { get; set; } = [];
    [Id(8)] public long LastEvent { get; set; }
    [Id(9)] public long Rounds { get; set; }
    [Id(10)] public RoundReport? LastRound { get; set; }

    /// <summary>Title and start of description of every live idea, from which the similarity index is rebuilt.</summary>
    [Id(11)] public Dictionary<string, string> IdeaTexts { get; set; } = [];
    [Id(12)] public Dictionary<string, string> IdeaTitles { get; set; } = [];
}
