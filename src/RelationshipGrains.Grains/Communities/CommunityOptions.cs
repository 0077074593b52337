namespace RelationshipGrains.Grains.Communities;

/// <summary>
/// How many posts a community grain keeps in its own state (configuration section <c>Communities</c>). Older posts
/// move to archive pages, so a community's memory and snapshots stay the same size however long it talks.
/// </summary>
public sealed class CommunityOptions
{
    public const string Section = "Communities";

    /// <summary>The latest posts kept in the community's state; the rest is archived.</summary>
    public int RecentPosts { get; set; } = 1_000;

    /// <summary>Posts per archive page.</summary>
    public int PostPageSize { get; set; } = 100;
}
