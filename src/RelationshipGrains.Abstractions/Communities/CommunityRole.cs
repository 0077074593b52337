namespace RelationshipGrains.Communities;

/// <summary>A member's role in a community.</summary>
[GenerateSerializer, Alias("rg.CommunityRole")]
public enum CommunityRole
{
    /// <summary>Talks, proposes, comments and votes.</summary>
    Member,
    /// <summary>A member whose support counts more (see <see cref="CommunitySettings.ExpertWeight"/>).</summary>
    Expert,
    /// <summary>Hides posts, changes roles, merges duplicates.</summary>
    Moderator,
    /// <summary>The company's people: everything a moderator does, and moving ideas through design and delivery.</summary>
    Staff,
}
