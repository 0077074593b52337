namespace RelationshipGrains.Ideas;

/// <summary>
/// The same idea as <see cref="IIdeaGrain"/> (same key, same activation, and its methods too), as its community moves it through its life:
/// creation, merges and forks, status changes and erasures. Grain clients are refused these methods, and
/// <c>IRelationshipGrains</c> does not hand this interface out.
/// </summary>
[Alias("rg.IIdeaLifecycleGrain")]
public interface IIdeaLifecycleGrain : IIdeaGrain
{
    /// <summary>Creates the idea (called by the community); the same proposal again returns it.</summary>
    /// <param name="community">The slug of the community it belongs to.</param>
    /// <param name="proposerId">The member proposing it.</param>
    /// <param name="proposal">Its content; the community addresses this grain by its id.</param>
    /// <param name="lineage">The ideas it descends from, oldest first; empty for a new idea.</param>
    /// <exception cref="Errors.RelationshipValidationException">A field of the proposal is missing or malformed.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The id is taken by an idea of another community, proposer or title.</exception>
    [Alias("Create")]
    Task<IdeaView> CreateAsync(string community, string proposerId, ProposeIdea proposal, IReadOnlyList<string> lineage);

    /// <summary>The votes by member (called by the community to merge).</summary>
    [Alias("GetVotes")]
    Task<IReadOnlyDictionary<string, IdeaVote>> GetVotesAsync();

    /// <summary>Takes a duplicate's votes; a member who voted on both keeps this idea's vote.</summary>
    /// <param name="duplicateIdeaId">The duplicate; absorbing the same one again changes nothing.</param>
    /// <param name="votes">The duplicate's votes by member.</param>
    /// <exception cref="Errors.RelationshipNotFoundException">The idea does not exist.</exception>
    [Alias("Absorb")]
    Task<IdeaView> AbsorbAsync(string duplicateIdeaId, IReadOnlyDictionary<string, IdeaVote> votes);

    /// <summary>Records a fork of this idea.</summary>
    /// <param name="childIdeaId">The fork's id; noting it again changes nothing.</param>
    /// <exception cref="Errors.RelationshipNotFoundException">The idea does not exist.</exception>
    [Alias("NoteFork")]
    Task NoteForkAsync(string childIdeaId);

    /// <summary>
    /// Moves the status, if the move is allowed, recording the reason (called by the community, which passes the
    /// fitness a selection round scored the idea with).
    /// </summary>
    /// <param name="status">The new status; the current one again changes nothing.</param>
    /// <param name="reason">Why, recorded with the decision.</param>
    /// <param name="round">The selection round deciding it, or null for a person or a merge.</param>
    /// <param name="mergedInto">For a merge, the survivor's id.</param>
    /// <param name="fitness">The fitness the round scored the idea with; published when it is selected.</param>
    /// <exception cref="Errors.RelationshipNotFoundException">The idea does not exist.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The idea cannot move from its status to this one.</exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// The idea's outbox is full of events waiting for the message broker; try again after the delay it gives.
    /// </exception>
    [Alias("ChangeStatus")]
    Task<IdeaView> ChangeStatusAsync(IdeaStatus status, string reason, long? round, string? mergedInto = null, double? fitness = null);

    /// <summary>
    /// The customer was erased: as proposer, voter, commenter and asker they become <paramref name="pseudonym"/>, so the
    /// idea's tallies stand; what they wrote as evidence is removed, and unless <paramref name="keepTexts"/> their
    /// comments' texts and, when the idea's words are theirs (they proposed it, or staff made it from their message),
    /// its title and description. Doing it twice changes nothing more.
    /// </summary>
    /// <param name="customerId">The erased customer, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <param name="pseudonym">What they are known as from now on, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <param name="keepTexts">True to keep their comments' texts and the idea's words; their evidence excerpts are removed either way.</param>
    /// <exception cref="Errors.RelationshipValidationException">The customer id or the pseudonym is malformed.</exception>
    [Alias("EraseCustomer")]
    Task EraseCustomerAsync(string customerId, string pseudonym, bool keepTexts = false);

    /// <summary>
    /// Other ideas' titles that were an erased customer's words: every decision of this idea that quotes one (a merge's
    /// "A duplicate of 'title'") quotes "[removed]" instead. Doing it twice changes nothing more.
    /// </summary>
    /// <param name="titles">The titles as they were, each quoted in single quotes where it appears.</param>
    [Alias("RemoveQuotedTitles")]
    Task RemoveQuotedTitlesAsync(IReadOnlyList<string> titles);

    /// <summary>Links a customer's request to the idea; the same asker and reference again changes nothing.</summary>
    /// <param name="evidence">
    /// The request; the same asker and reference again changes nothing. Its time is set to now. It is stored as given,
    /// without checks: channel apps reach this through <see cref="ICustomerIntelligenceGrain.AddEvidenceAsync"/>, which
    /// builds it from a timeline entry or a checked mention.
    /// </param>
    /// <returns>The idea with the evidence.</returns>
    /// <remarks>An idea holds at most 5,000 pieces of evidence.</remarks>
    /// <exception cref="Errors.RelationshipNotFoundException">The idea does not exist.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The idea already holds 5,000 pieces of evidence.</exception>
    [Alias("AddEvidence")]
    Task<IdeaView> AddEvidenceAsync(IdeaEvidence evidence);
}
