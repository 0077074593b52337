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
    /// <param name="customerId">The member voting, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <param name="value">1 to support, -1 to oppose.</param>
    /// <returns>The idea with its tally after the vote.</returns>
    /// <remarks>A member casts at most 60 votes a minute across the community's ideas (counted in memory).</remarks>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The customer id is malformed or not a member's, or the value is neither 1 nor -1.
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The idea (or its community) does not exist.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The idea is no longer proposed or shortlisted.</exception>
    /// <exception cref="Errors.RelationshipRateLimitedException">
    /// The member has cast 60 votes in the community in the last minute; it says when to try again.
    /// </exception>
    [Alias("Vote")]
    [ChannelSurface]
    Task<IdeaView> VoteAsync(string customerId, int value);

    /// <summary>A member comments; the comment id makes it idempotent.</summary>
    /// <param name="customerId">The member commenting, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <param name="commentId">The caller's id for the comment, 1-128 letters, digits, '.', '_', ':' or '-'.</param>
    /// <param name="text">What the comment says, 1-8,000 characters.</param>
    /// <returns>The comment, new or as first written.</returns>
    /// <remarks>An idea takes at most 2,000 comments; fork it to carry on.</remarks>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field is missing or malformed, or the customer is not a member of the idea's community.
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The idea does not exist.</exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The comment id was used for another comment, the idea is no longer proposed or shortlisted, or it holds 2,000
    /// comments.
    /// </exception>
    [Alias("Comment")]
    [ChannelSurface]
    Task<IdeaComment> CommentAsync(string customerId, string commentId, string text);

    /// <summary>The comments, oldest first.</summary>
    /// <exception cref="Errors.RelationshipNotFoundException">The idea does not exist.</exception>
    [Alias("ListComments")]
    [ChannelSurface]
    Task<IReadOnlyList<IdeaComment>> ListCommentsAsync();
}
