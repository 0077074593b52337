namespace RelationshipGrains.Ideas;

/// <summary>
/// One idea. Members vote and comment here directly; everything that needs the community's rules or roles
/// (proposal, fork, merge, decisions) goes through the community's grain. Key: the idea id.
/// </summary>
[Alias("rg.IIdeaGrain")]
public interface IIdeaGrain : IGrainWithStringKey
{
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
}
