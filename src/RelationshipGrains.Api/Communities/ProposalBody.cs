using RelationshipGrains.Ideas;

namespace RelationshipGrains.Api.Communities;

/// <summary>A member proposes an idea (or a fork of one).</summary>
public sealed record ProposalBody(string CustomerId, string IdeaId, string Title, string? Description = null, IdeaAttributes? Attributes = null)
{
    public ProposeIdea ToProposal() => new(IdeaId, Title, Description, Attributes);
}
