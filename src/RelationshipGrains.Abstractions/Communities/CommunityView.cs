using RelationshipGrains.Ideas;

namespace RelationshipGrains.Communities;

/// <summary>A community's configuration and size.</summary>
[GenerateSerializer, Immutable, Alias("rg.CommunityView")]
public sealed record CommunityView(
    [property: Id(0)] string Slug,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Topics,
    [property: Id(3)] CommunitySettings Settings,
    [property: Id(4)] IReadOnlyList<IdeaRule> Rules,
    [property: Id(5)] int Members,
    [property: Id(6)] int Ideas,
    [property: Id(7)] long Rounds);
