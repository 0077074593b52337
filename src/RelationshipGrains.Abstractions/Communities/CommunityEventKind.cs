namespace RelationshipGrains.Communities;

/// <summary>What happened in a community's live feed.</summary>
[GenerateSerializer, Alias("rg.CommunityEventKind")]
public enum CommunityEventKind
{
    /// <summary>A customer joined.</summary>
    MemberJoined,
    /// <summary>A member left.</summary>
    MemberLeft,
    /// <summary>A member's role changed.</summary>
    RoleChanged,
    /// <summary>A new thread or a reply.</summary>
    Posted,
    /// <summary>A moderator hid a post.</summary>
    PostHidden,
    /// <summary>An idea was proposed (or forked).</summary>
    IdeaProposed,
    /// <summary>An idea changed status: a round's decision, a merge or a person's decision, with the reason.</summary>
    IdeaDecided,
    /// <summary>A selection round ran.</summary>
    RoundCompleted,
}
