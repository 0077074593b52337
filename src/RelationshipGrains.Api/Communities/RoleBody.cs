using RelationshipGrains.Communities;

namespace RelationshipGrains.Api.Communities;

/// <summary>A moderator or staff member (the actor) sets a member's role.</summary>
public sealed record RoleBody(string ActorId, CommunityRole? Role);
