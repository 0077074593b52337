namespace RelationshipGrains.Ideas;

/// <summary>
/// One idea. Members vote and comment here directly; everything that needs the community's rules or roles
/// (proposal, fork, merge, decisions) goes through the community's grain. Key: the idea id.
/// </summary>
[Alias("rg.IIdeaGrain")]
public interface IIdeaGrain : IGrainWithStringKey
{
    /// <summary>Creates the idea (called by the community); the same proposal again returns it.</summary>
    [Alias("Create")]
    Task<IdeaView> CreateAsync(string community, string proposerId, ProposeIdea proposal, IReadOnlyList<string> lineage);

    /// <summary>The idea, or null when it does not exist.</summary>
    [Alias("Get")]
    [ChannelSurface]
    Task<IdeaView?> GetAsync();

    /// <summary>A member votes +1 or -1, or changes a vote; one vote per member.</summary>
    [Alias("Vote")]
    [ChannelSurface]
    Task<IdeaView> VoteAsync(string customerId, int value);

    /// <summary>A member comments; the comment id makes it idempotent.</summary>
    [Alias("Comment")]
    [ChannelSurface]
    Task<IdeaComment> CommentAsync(string customerId, string commentId, string text);

    /// <summary>Links a customer's request to the idea; the same asker and reference again changes nothing.</summary>
    [Alias("AddEvidence")]
    [ChannelSurface]
    Task<IdeaView> AddEvidenceAsync(IdeaEvidence evidence);

    /// <summary>The comments, oldest first.</summary>
    [Alias("ListComments")]
    [ChannelSurface]
    Task<IReadOnlyList<IdeaComment>> ListCommentsAsync();

    /// <summary>The votes by member (called by the community to merge).</summary>
    [Alias("GetVotes")]
    Task<IReadOnlyDictionary<string, IdeaVote>> GetVotesAsync();

    /// <summary>Takes a duplicate's votes; a member who voted on both keeps this idea's vote.</summary>
    [Alias("Absorb")]
    Task<IdeaView> AbsorbAsync(string duplicateIdeaId, IReadOnlyDictionary<string, IdeaVote> votes);

    /// <summary>Records a fork of this idea.</summary>
    [Alias("NoteFork")]
    Task NoteForkAsync(string childIdeaId);

    /// <summary>
    /// Moves the status, if the move is allowed, recording the reason (called by the community, which passes the
    /// fitness a selection round scored the idea with).
    /// </summary>
    [Alias("ChangeStatus")]
    Task<IdeaView> ChangeStatusAsync(IdeaStatus status, string reason, long? round, string? mergedInto = null, double? fitness = null);

    /// <summary>
    /// The customer was erased: as proposer, voter, commenter and asker they become <paramref name="pseudonym"/>, so the
    /// idea's tallies stand; what they wrote as evidence is removed, and their comments' texts too unless
    /// <paramref name="keepTexts"/>. Doing it twice changes nothing more.
    /// </summary>
    [Alias("EraseCustomer")]
    Task EraseCustomerAsync(string customerId, string pseudonym, bool keepTexts = false);
}
