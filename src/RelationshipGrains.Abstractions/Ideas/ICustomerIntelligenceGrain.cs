namespace RelationshipGrains.Ideas;

/// <summary>
/// Customer intelligence feeds innovation: a conversation becomes an idea, or evidence for one, each in one call as
/// the HTTP API offers it. A stateless worker: use key 0.
/// </summary>
[Alias("rg.ICustomerIntelligenceGrain")]
public interface ICustomerIntelligenceGrain : IGrainWithIntegerKey
{
    /// <summary>Proposes an idea from a timeline entry, with the entry as its first evidence.</summary>
    /// <param name="request">The entry, the community, the proposer and the new idea's id.</param>
    /// <returns>The idea and the community's ideas most like it.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// An id is malformed, the entry has no words, or the proposer is not a member of the community.
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The entry or the community does not exist.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The idea id is taken by another idea.</exception>
    [Alias("ConversationToIdea")]
    [ChannelSurface]
    Task<IdeaWithSimilar> ConversationToIdeaAsync(ConversationToIdea request);

    /// <summary>Adds a timeline entry or a social mention as evidence that customers ask for an idea.</summary>
    /// <param name="request">The idea and either a customer's entry or a mention.</param>
    /// <returns>The idea and the community's other ideas most like the evidence.</returns>
    /// <exception cref="Errors.RelationshipValidationException">Neither or both kinds of evidence are given, or a field is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The idea or the entry does not exist.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The idea already holds 5,000 pieces of evidence.</exception>
    [Alias("AddEvidence")]
    [ChannelSurface]
    Task<IdeaWithSimilar> AddEvidenceAsync(AddIdeaEvidence request);

    /// <summary>An idea with its fitness and its community's rule verdicts, found by its id alone.</summary>
    /// <param name="ideaId">The idea.</param>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The idea does not exist.</exception>
    [Alias("GetRankedIdea"), Orleans.Concurrency.ReadOnly]
    [ChannelSurface]
    Task<Communities.RankedIdea> GetRankedIdeaAsync(string ideaId);
}
