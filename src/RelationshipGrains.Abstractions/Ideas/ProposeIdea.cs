using RelationshipGrains.Validation;

namespace RelationshipGrains.Ideas;

/// <summary>A member's proposal (or a fork's content). The idea id is chosen by the caller, so a retry is safe.</summary>
[GenerateSerializer, Immutable, Alias("rg.ProposeIdea")]
public sealed record ProposeIdea(
    [property: Id(0)] string IdeaId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description = null,
    [property: Id(3)] IdeaAttributes? Attributes = null)
{
    /// <summary>Longest title.</summary>
    public const int TitleLength = 200;

    /// <summary>Checks every field.</summary>
    public void Validate()
    {
        Check.Id(IdeaId, "ideaId");
        Check.Text(Title, "title", TitleLength);
        Check.OptionalText(Description, "description", Limits.InteractionText);
        Attributes?.Validate();
    }
}
