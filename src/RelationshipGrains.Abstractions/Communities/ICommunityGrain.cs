using RelationshipGrains.Ideas;

namespace RelationshipGrains.Communities;

/// <summary>
/// A community where customers talk among themselves and grow ideas. Key: the slug (1-64 of a-z, 0-9, '.', '_', '-').
/// Every method names the acting customer; roles decide what each may do.
/// </summary>
[Alias("rg.ICommunityGrain")]
public interface ICommunityGrain : IGrainWithStringKey
{
    /// <summary>Creates or reconfigures the community (operators).</summary>
    [Alias("Configure")]
    Task<CommunityView> ConfigureAsync(ConfigureCommunity configuration);

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

    /// <summary>
    /// The voter's membership, counting the vote against the member's limit (<see cref="Validation.Limits.VotesPerMemberPerMinute"/>
    /// across the community's ideas; kept in memory). Throws when not a member or over the limit. Interleaves like
    /// <see cref="GetMemberAsync"/>.
    /// </summary>
    [Alias("AdmitVote"), Orleans.Concurrency.AlwaysInterleave]
    Task<Member> AdmitVoteAsync(string customerId);

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

    /// <summary>Runs a selection round now (the reminder runs one every round period).</summary>
    [Alias("RunRound")]
    Task<RoundReport> RunRoundAsync();

    /// <summary>The last round's decisions, or null before the first round.</summary>
    [Alias("GetLastRound")]
    [ChannelSurface]
    Task<RoundReport?> GetLastRoundAsync();

    /// <summary>
    /// The customer was erased: they leave, and their posts, feed events and everything of theirs on the community's
    /// ideas carry <paramref name="pseudonym"/> instead; the texts and titles of their posts and comments become
    /// "[removed]" unless <paramref name="keepTexts"/>. Doing it twice changes nothing more.
    /// </summary>
    [Alias("EraseCustomer")]
    Task EraseCustomerAsync(string customerId, string pseudonym, bool keepTexts = false);
}
