namespace RelationshipGrains.Grains.Communities;

/// <summary>
/// How many posts a community grain keeps in its own state (configuration section <c>Communities</c>). Older posts
/// move to archive pages; the community keeps only where each is (some tens of bytes a post), so its memory and
/// snapshots grow by that, not by what members wrote.
/// </summary>
public sealed class CommunityOptions
{
    public const string Section = "Communities";

    /// <summary>The latest posts kept in the community's state; the rest is archived.</summary>
    public int RecentPosts { get; set; } = 1_000;

    /// <summary>Posts per archive page.</summary>
    public int PostPageSize { get; set; } = 100;

    /// <summary>
    /// Posts one thread holds, its opening post included: bounded as the whole community was (10,000 posts) before its
    /// posts were archived. A thread is read a page at a time.
    /// </summary>
    public int MaxThreadPosts { get; set; } = 10_000;
}
