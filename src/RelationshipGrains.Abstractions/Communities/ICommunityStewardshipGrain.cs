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
    /// <param name="configuration">The whole configuration; it replaces the previous one, except that staff are only ever added.</param>
    /// <returns>The community as configured.</returns>
    /// <exception cref="Errors.RelationshipValidationException">A field is missing, malformed or out of range; the field is named.</exception>
    [Alias("Configure")]
    Task<CommunityView> ConfigureAsync(ConfigureCommunity configuration);

    /// <summary>
    /// The voter's membership, counting the vote against the member's limit (<see cref="Validation.Limits.VotesPerMemberPerMinute"/>
    /// across the community's ideas; kept in memory). Throws when not a member or over the limit. Interleaves like
    /// <see cref="ICommunityGrain.GetMemberAsync"/>.
    /// </summary>
    /// <param name="customerId">The member voting.</param>
    /// <exception cref="Errors.RelationshipValidationException">The customer id is malformed, or the customer is not a member.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    /// <exception cref="Errors.RelationshipRateLimitedException">
    /// The member has cast 60 votes in this community in the last minute; it says when to try again.
    /// </exception>
    [Alias("AdmitVote"), Orleans.Concurrency.AlwaysInterleave]
    Task<Member> AdmitVoteAsync(string customerId);

    /// <summary>Runs a selection round now (the reminder runs one every round period).</summary>
    /// <exception cref="Errors.RelationshipNotFoundException">The community was never configured.</exception>
    [Alias("RunRound")]
    Task<RoundReport> RunRoundAsync();

    /// <summary>
    /// The customer was erased: they leave, and their posts, feed events and everything of theirs on the community's
    /// ideas carry <paramref name="pseudonym"/> instead; the texts and titles of their posts and comments, and the
    /// titles and descriptions of ideas in their words (proposed by them or made from their message) wherever quoted,
    /// become "[removed]" unless <paramref name="keepTexts"/>. Doing it twice changes nothing more.
    /// </summary>
    /// <param name="customerId">The erased customer, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <param name="pseudonym">What they are known as from now on, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <param name="keepTexts">True to keep the texts and titles of their posts, comments and ideas; false replaces them with "[removed]".</param>
    /// <exception cref="Errors.RelationshipValidationException">The customer id or the pseudonym is malformed.</exception>
    [Alias("EraseCustomer")]
    Task EraseCustomerAsync(string customerId, string pseudonym, bool keepTexts = false);
}
