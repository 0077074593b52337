namespace RelationshipGrains.Communities;

/// <summary>
/// The same community as <see cref="ICommunityGrain"/> (same key, same activation, and its methods too), as operators reach it through the
/// HTTP API (configuration, selection rounds) and as its ideas and erasures reach it. Grain clients are refused these
/// methods, and <c>IRelationshipGrains</c> does not hand this interface out.
/// </summary>
[Alias("rg.ICommunityStewardshipGrain")]
public interface ICommunityStewardshipGrain : ICommunityGrain
{
    /// <summary>Creates or reconfigures the community (operators).</summary>
    [Alias("Configure")]
    Task<CommunityView> ConfigureAsync(ConfigureCommunity configuration);

    /// <summary>
    /// The voter's membership, counting the vote against the member's limit (<see cref="Validation.Limits.VotesPerMemberPerMinute"/>
    /// across the community's ideas; kept in memory). Throws when not a member or over the limit. Interleaves like
    /// <see cref="ICommunityGrain.GetMemberAsync"/>.
    /// </summary>
    [Alias("AdmitVote"), Orleans.Concurrency.AlwaysInterleave]
    Task<Member> AdmitVoteAsync(string customerId);

    /// <summary>Runs a selection round now (the reminder runs one every round period).</summary>
    [Alias("RunRound")]
    Task<RoundReport> RunRoundAsync();

    /// <summary>
    /// The customer was erased: they leave, and their posts, feed events and everything of theirs on the community's
    /// ideas carry <paramref name="pseudonym"/> instead; the texts and titles of their posts and comments become
    /// "[removed]" unless <paramref name="keepTexts"/>. Doing it twice changes nothing more.
    /// </summary>
    [Alias("EraseCustomer")]
    Task EraseCustomerAsync(string customerId, string pseudonym, bool keepTexts = false);
}
