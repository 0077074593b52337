namespace RelationshipGrains.Api.Ideas;

/// <summary>
/// Turns a timeline entry into an idea in a community. <c>actorId</c> is the community member proposing it
/// (staff, or the customer); the title and description default to the conversation's words.
/// </summary>
public sealed record ConversationToIdeaBody(string Community, string ActorId, string IdeaId, string? Title = null, string? Description = null);
