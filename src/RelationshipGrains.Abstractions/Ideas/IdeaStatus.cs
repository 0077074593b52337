namespace RelationshipGrains.Ideas;

/// <summary>An idea's life: proposed → shortlisted → selected → in-design → delivered; culled and merged end it early.</summary>
[GenerateSerializer, Alias("rg.IdeaStatus")]
public enum IdeaStatus
{
    /// <summary>New, gathering support.</summary>
    Proposed,
    /// <summary>Among the fittest; members give it a final vote.</summary>
    Shortlisted,
    /// <summary>Chosen; goes to product and the ERP.</summary>
    Selected,
    /// <summary>Being designed.</summary>
    InDesign,
    /// <summary>Delivered to customers.</summary>
    Delivered,
    /// <summary>Did not survive a selection round.</summary>
    Culled,
    /// <summary>A duplicate, merged into another idea.</summary>
    Merged,
}
