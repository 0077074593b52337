using RelationshipGrains.Ideas;

namespace RelationshipGrains.Communities;

/// <summary>
/// A community where customers talk among themselves and grow ideas. Key: the slug (1-64 of a-z, 0-9, '.', '_', '-').
/// Every method names the acting customer; roles decide what each may do.
/// </summary>
[Alias("rg.ICommunityGrain")]
public interface ICommunityGrain : IGrainWithStringKey
{
    /// <summary>The community, or null if it was never configured.</summary>
    [Alias("Get")]
    [ChannelSurface]
    Task<CommunityView?> GetAsync();

    /// <summary>Joins as a member (joining again changes nothing).</summary>
    [Alias("Join")]
    [ChannelSurface]
    Task<Member> JoinAsync(string customerId);

    /// <summary>Leaves; false when the customer was not a member.</summary>
    [Alias("Leave")]
    [ChannelSurface]
    Task<bool> LeaveAsync(string customerId);

    /// <summary>A moderator or staff member changes a member's role.</summary>
    [Alias("ChangeRole")]
    [ChannelSurface]
    Task<Member> ChangeRoleAsync(string actorId, string customerId, CommunityRole role);

    /// <summary>
    /// The membership of one customer, or null. Interleaves with other calls: idea grains ask it while the community
    /// may be waiting on them during a selection round, and it only reads.
    /// </summary>
    [Alias("GetMember"), Orleans.Concurrency.AlwaysInterleave]
    [ChannelSurface]
    Task<Member?> GetMemberAsync(string customerId);

    /// <summary>Members, in the order they joined, a page at a time.</summary>
    [Alias("ListMembers")]
    [ChannelSurface]
    Task<IReadOnlyList<Member>> ListMembersAsync(int skip, int take);

    /// <summary>A member starts a thread or replies in one.</summary>
    [Alias("Post")]
    [ChannelSurface]
    Task<CommunityPost> PostAsync(string customerId, PostRequest post);

    /// <summary>A moderator or staff member hides a post, with a reason.</summary>
    [Alias("HidePost")]
    [ChannelSurface]
    Task<CommunityPost> HidePostAsync(string actorId, string postId, string reason);

    /// <summary>Threads (their first posts), newest first, before the given thread if any.</summary>
    [Alias("ListThreads")]
    [ChannelSurface]
    Task<IReadOnlyList<CommunityPost>> ListThreadsAsync(string? beforeThreadId, int limit);

    /// <summary>A thread's posts in order; hidden posts show without their text.</summary>
    [Alias("GetThread")]
    [ChannelSurface]
    Task<IReadOnlyList<CommunityPost>> GetThreadAsync(string threadId);

    /// <summary>The live feed after <paramref name="afterSequence"/>, then each new event, until cancelled.</summary>
    [Alias("Watch")]
    [ChannelSurface]
    IAsyncEnumerable<CommunityEvent> WatchAsync(long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>A member proposes an idea.</summary>
    [Alias("ProposeIdea")]
    [ChannelSurface]
    Task<IdeaView> ProposeIdeaAsync(string customerId, ProposeIdea proposal);

    /// <summary>A member forks an idea into a variant that records its lineage.</summary>
    [Alias("ForkIdea")]
    [ChannelSurface]
    Task<IdeaView> ForkIdeaAsync(string customerId, string parentIdeaId, ProposeIdea variant);

    /// <summary>A moderator or staff member merges a duplicate into a survivor; votes move without counting a member twice.</summary>
    [Alias("MergeIdeas")]
    [ChannelSurface]
    Task<IdeaView> MergeIdeasAsync(string actorId, string duplicateIdeaId, string survivorIdeaId);

    /// <summary>
    /// A person moves an idea on: staff take selected ideas into design and delivery; moderators and staff may cull.
    /// Selection itself happens only in rounds, and never for an idea that fails a rule.
    /// </summary>
    [Alias("DecideIdea")]
    [ChannelSurface]
    Task<IdeaView> DecideIdeaAsync(string actorId, string ideaId, IdeaStatus status, string reason);

    /// <summary>The community's ideas with fitness and rule verdicts, fittest first.</summary>
    [Alias("RankIdeas")]
    [ChannelSurface]
    Task<IReadOnlyList<RankedIdea>> RankIdeasAsync(bool includeClosed = false);

    /// <summary>One idea with its fitness and rule verdicts; not found if it is not this community's.</summary>
    [Alias("GetIdea")]
    [ChannelSurface]
    Task<RankedIdea> GetIdeaAsync(string ideaId);

    /// <summary>
    /// The community's live ideas (not culled or merged) that read most like <paramref name="text"/>, best first:
    /// TF-IDF cosine over title and description, kept up to date as ideas come and go.
    /// </summary>
    [Alias("SuggestSimilar")]
    [ChannelSurface]
    Task<IReadOnlyList<SimilarIdea>> SuggestSimilarAsync(string text, string? excludeIdeaId, int limit);

    /// <summary>The last round's decisions, or null before the first round.</summary>
    [Alias("GetLastRound")]
    [ChannelSurface]
    Task<RoundReport?> GetLastRoundAsync();
}
