using RelationshipGrains.Communities;

namespace RelationshipGrains.Grains.Communities;

/// <summary>
/// One archived page of a community's posts, in the order they were posted. Key: <c>{slug}/{pageNumber}</c>; pages
/// are numbered from 0 in the order they were archived. Only its community writes it.
/// </summary>
[Alias("rg.ICommunityPostPageGrain")]
public interface ICommunityPostPageGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the page as given, replacing what it held: the community writes a page when it archives it (again, if
    /// an archive step stopped half-way) and when a post on it is hidden or loses its author.
    /// </summary>
    [Alias("Store")]
    Task StoreAsync(IReadOnlyList<CommunityPost> posts);

    /// <summary>The page's posts in the order they were posted (empty when never stored).</summary>
    [Alias("Get")]
    Task<IReadOnlyList<CommunityPost>> GetAsync();
}
