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
    [Alias("Create")]
    Task<IdeaView> CreateAsync(string community, string proposerId, ProposeIdea proposal, IReadOnlyList<string> lineage);

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
