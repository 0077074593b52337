namespace RelationshipGrains.Ideas;

/// <summary>The only moves an idea's status may make.</summary>
public static class IdeaTransitions
{
    /// <summary>Whether <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    /// <param name="from">The idea's status now.</param>
    /// <param name="to">The status asked for.</param>
    public static bool Allowed(IdeaStatus from, IdeaStatus to) => (from, to) switch
    {
        (IdeaStatus.Proposed, IdeaStatus.Shortlisted) => true,
        (IdeaStatus.Shortlisted, IdeaStatus.Selected) => true,
        (IdeaStatus.Selected, IdeaStatus.InDesign) => true,
        (IdeaStatus.InDesign, IdeaStatus.Delivered) => true,
        (IdeaStatus.Proposed or IdeaStatus.Shortlisted, IdeaStatus.Culled or IdeaStatus.Merged) => true,
        _ => false,
    };

    /// <summary>Whether members may still vote on and comment on an idea in this status.</summary>
    /// <param name="status">The idea's status.</param>
    /// <returns>True for proposed and shortlisted.</returns>
    public static bool IsOpen(IdeaStatus status) => status is IdeaStatus.Proposed or IdeaStatus.Shortlisted;
}
