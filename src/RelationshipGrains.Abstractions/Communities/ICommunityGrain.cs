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
    /// <param name="customerId">The customer joining, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>The membership, new or as it was.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The customer id is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    [Alias("Join")]
    [ChannelSurface]
    Task<Member> JoinAsync(string customerId);

    /// <summary>Leaves; false when the customer was not a member.</summary>
    /// <param name="customerId">The customer leaving, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <exception cref="Errors.RelationshipValidationException">The customer id is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    [Alias("Leave")]
    [ChannelSurface]
    Task<bool> LeaveAsync(string customerId);

    /// <summary>A moderator or staff member changes a member's role; only staff appoint or remove staff.</summary>
    /// <param name="actorId">The moderator or staff member making the change.</param>
    /// <param name="customerId">The member whose role changes.</param>
    /// <param name="role">The new role: member, expert, moderator or staff.</param>
    /// <returns>The membership with its new role.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The actor is not a member, or not a moderator or staff (field <c>actorId</c>); the role is not member, expert,
    /// moderator or staff; or a moderator would appoint or remove staff (field <c>role</c>).
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured, or the customer is not a member.</exception>
    [Alias("ChangeRole")]
    [ChannelSurface]
    Task<Member> ChangeRoleAsync(string actorId, string customerId, CommunityRole role);

    /// <summary>
    /// The membership of one customer, or null. Interleaves with other calls: idea grains ask it while the community
    /// may be waiting on them during a selection round, and it only reads.
    /// </summary>
    /// <param name="customerId">The customer.</param>
    [Alias("GetMember"), Orleans.Concurrency.AlwaysInterleave]
    [ChannelSurface]
    Task<Member?> GetMemberAsync(string customerId);

    /// <summary>Members, in the order they joined, a page at a time.</summary>
    /// <param name="skip">How many members to pass over first, 0 or more.</param>
    /// <param name="take">Most members to return, 1-200.</param>
    /// <exception cref="Errors.RelationshipValidationException">skip is below 0 (field <c>skip</c>) or take is outside 1-200 (field <c>take</c>).</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    [Alias("ListMembers")]
    [ChannelSurface]
    Task<IReadOnlyList<Member>> ListMembersAsync(int skip, int take);

    /// <summary>A member starts a thread or replies in one.</summary>
    /// <param name="customerId">The member posting.</param>
    /// <param name="post">The post; its id makes the call idempotent.</param>
    /// <returns>The post, new or as first posted (as members now see it: without its words if hidden).</returns>
    /// <remarks>Older posts move to archive pages; reads, retries and hides reach them there.</remarks>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The customer is not a member, or a field of the post is missing or malformed.
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured, or the reply's thread does not exist.</exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The post id was used before for another post, or the thread holds as many posts as a thread may (10,000 by default).
    /// </exception>
    [Alias("Post")]
    [ChannelSurface]
    Task<CommunityPost> PostAsync(string customerId, PostRequest post);

    /// <summary>A moderator or staff member hides a post, with a reason.</summary>
    /// <param name="actorId">The moderator or staff member hiding it.</param>
    /// <param name="postId">The post to hide.</param>
    /// <param name="reason">Why, 1-2,000 characters; the feed shows it.</param>
    /// <returns>The post as members now see it (without its words); hiding it again changes nothing.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The actor is not a member, or not a moderator or staff (field
    /// <c>actorId</c>). Or the reason is missing or over 2,000 characters.
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured, or the post does not exist.</exception>
    [Alias("HidePost")]
    [ChannelSurface]
    Task<CommunityPost> HidePostAsync(string actorId, string postId, string reason);

    /// <summary>Threads (their first posts), newest first, before the given thread if any.</summary>
    /// <param name="beforeThreadId">The last thread of the previous page, or null for the newest; an unknown id gives an empty page.</param>
    /// <param name="limit">Most threads to return, 1-200.</param>
    /// <exception cref="Errors.RelationshipValidationException">limit is outside 1-200.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    [Alias("ListThreads")]
    [ChannelSurface]
    Task<IReadOnlyList<CommunityPost>> ListThreadsAsync(string? beforeThreadId, int limit);

    /// <summary>A page of a thread's posts, oldest first, after the given post if any; hidden posts show without their text.</summary>
    /// <param name="threadId">The thread: the id of its first post.</param>
    /// <param name="afterPostId">The last post of the previous page, or null for the first; a post not in the thread gives an empty page.</param>
    /// <param name="limit">Most posts to return, 1-200. A page with fewer is the last.</param>
    /// <exception cref="Errors.RelationshipValidationException">limit is outside 1-200.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured, or the thread does not exist.</exception>
    [Alias("GetThreadPage")]
    [ChannelSurface]
    Task<IReadOnlyList<CommunityPost>> GetThreadAsync(string threadId, string? afterPostId, int limit);

    /// <summary>
    /// Every post of a thread at once (up to 10,000), as channel apps built before threads were paged ask; the paged
    /// overload reads a page at a time.
    /// </summary>
    /// <param name="threadId">The thread: the id of its first post.</param>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured, or the thread does not exist.</exception>
    [Alias("GetThread")]
    [ChannelSurface]
    Task<IReadOnlyList<CommunityPost>> GetThreadAsync(string threadId);

    /// <summary>The live feed after <paramref name="afterSequence"/>, then each new event, until cancelled.</summary>
    /// <param name="afterSequence">The last sequence the subscriber has seen; 0 for everything kept.</param>
    /// <param name="cancellationToken">Ends the feed.</param>
    /// <remarks>The community keeps its latest 1,000 events; a subscriber further behind resumes at the oldest kept.</remarks>
    /// <exception cref="Errors.RelationshipValidationException">afterSequence is below 0, or past the latest event.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    [Alias("Watch")]
    [ChannelSurface]
    IAsyncEnumerable<CommunityEvent> WatchAsync(long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>A member proposes an idea.</summary>
    /// <param name="customerId">The member proposing.</param>
    /// <param name="proposal">The idea; its id makes the call idempotent.</param>
    /// <returns>The idea as created, or as first proposed.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The customer is not a member, or a field of the proposal is missing or malformed.
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The idea id is taken by another idea.</exception>
    [Alias("ProposeIdea")]
    [ChannelSurface]
    Task<IdeaView> ProposeIdeaAsync(string customerId, ProposeIdea proposal);

    /// <summary>A member forks an idea into a variant that records its lineage.</summary>
    /// <param name="customerId">The member forking.</param>
    /// <param name="parentIdeaId">The idea to fork, one of this community's.</param>
    /// <param name="variant">The variant's content; its id makes the call idempotent.</param>
    /// <returns>The new idea, its lineage ending with the parent.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The customer is not a member, the parent id is malformed, or a field of the variant is missing or malformed.
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured, or the parent is not one of its ideas.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The variant's id is taken by another idea.</exception>
    [Alias("ForkIdea")]
    [ChannelSurface]
    Task<IdeaView> ForkIdeaAsync(string customerId, string parentIdeaId, ProposeIdea variant);

    /// <summary>A moderator or staff member merges a duplicate into a survivor; votes move without counting a member twice.</summary>
    /// <param name="actorId">The moderator or staff member merging.</param>
    /// <param name="duplicateIdeaId">The idea that becomes merged.</param>
    /// <param name="survivorIdeaId">The idea that takes the duplicate's votes.</param>
    /// <returns>The survivor, with the duplicate's votes.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The actor is not a member, or not a moderator or staff (field
    /// <c>actorId</c>). Or the two ids are the same or malformed.
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured, or either idea is not one of its ideas.</exception>
    /// <exception cref="Errors.RelationshipConflictException">Either idea is no longer proposed or shortlisted.</exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// The idea's outbox is full of events waiting for the message broker; try again after the delay it gives.
    /// </exception>
    [Alias("MergeIdeas")]
    [ChannelSurface]
    Task<IdeaView> MergeIdeasAsync(string actorId, string duplicateIdeaId, string survivorIdeaId);

    /// <summary>
    /// A person moves an idea on: staff take selected ideas into design and delivery; moderators and staff may cull.
    /// Selection itself happens only in rounds, and never for an idea that fails a rule.
    /// </summary>
    /// <param name="actorId">The person deciding: staff for in-design and delivered, a moderator or staff to cull.</param>
    /// <param name="ideaId">The idea, one of this community's.</param>
    /// <param name="status">The new status: in-design, delivered or culled.</param>
    /// <param name="reason">Why, 1-2,000 characters; it is recorded with the decision.</param>
    /// <returns>The idea with its new status.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The actor is not a member or may not make this move (field <c>actorId</c>); the reason
    /// is missing or too long; or the status is not in-design, delivered or culled (field <c>status</c>).
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured, or the idea is not one of its ideas.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The idea cannot move from its status to this one.</exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// The idea's outbox is full of events waiting for the message broker; try again after the delay it gives.
    /// </exception>
    [Alias("DecideIdea")]
    [ChannelSurface]
    Task<IdeaView> DecideIdeaAsync(string actorId, string ideaId, IdeaStatus status, string reason);

    /// <summary>The community's ideas with fitness and rule verdicts, fittest first.</summary>
    /// <param name="includeClosed">
    /// True to rank selected, in-design, delivered, culled and merged ideas too; false for proposed and shortlisted
    /// only.
    /// </param>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    [Alias("RankIdeas")]
    [ChannelSurface]
    Task<IReadOnlyList<RankedIdea>> RankIdeasAsync(bool includeClosed = false);

    /// <summary>One idea with its fitness and rule verdicts; not found if it is not this community's.</summary>
    /// <param name="ideaId">The idea.</param>
    /// <exception cref="Errors.RelationshipValidationException">The idea id is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured, or the idea is not one of its ideas.</exception>
    [Alias("GetIdea")]
    [ChannelSurface]
    Task<RankedIdea> GetIdeaAsync(string ideaId);

    /// <summary>
    /// The community's live ideas (not culled or merged) that read most like <paramref name="text"/>, best first:
    /// TF-IDF cosine over title and description, kept up to date as ideas come and go.
    /// </summary>
    /// <param name="text">What to compare with, 1-8,201 characters (room for a title, a space and a description).</param>
    /// <param name="excludeIdeaId">An idea to leave out (the one the text comes from), or null.</param>
    /// <param name="limit">Most ideas to return, 1-20.</param>
    /// <exception cref="Errors.RelationshipValidationException">The text is missing or too long, or limit is outside 1-20.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    [Alias("SuggestSimilar")]
    [ChannelSurface]
    Task<IReadOnlyList<SimilarIdea>> SuggestSimilarAsync(string text, string? excludeIdeaId, int limit);

    /// <summary>The last round's decisions, or null before the first round.</summary>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    [Alias("GetLastRound")]
    [ChannelSurface]
    Task<RoundReport?> GetLastRoundAsync();
}
