using RelationshipGrains.Ideas;

namespace RelationshipGrains.Communities;

/// <summary>A community's configuration and size.</summary>
/// <param name="Slug">The community's slug (its grain key).</param>
/// <param name="Name">The community's name.</param>
/// <param name="Topics">The topics it is about.</param>
/// <param name="Settings">How its idea ecology runs.</param>
/// <param name="Rules">The rules ideas must pass to be shortlisted or selected.</param>
/// <param name="Members">How many members it has.</param>
/// <param name="Ideas">How many ideas were proposed or forked in it, closed ones included.</param>
/// <param name="Rounds">How many selection rounds have run.</param>
/// <param name="LatestEvent">The number of the live feed's latest event (0 before the first): a feed resumes after at most this.</param>
[GenerateSerializer, Immutable, Alias("rg.CommunityView")]
public sealed record CommunityView(
    [property: Id(0)] string Slug,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Topics,
    [property: Id(3)] CommunitySettings Settings,
    [property: Id(4)] IReadOnlyList<IdeaRule> Rules,
    [property: Id(5)] int Members,
    [property: Id(6)] int Ideas,
    [property: Id(7)] long Rounds,
    [property: Id(8)] long LatestEvent = 0);
