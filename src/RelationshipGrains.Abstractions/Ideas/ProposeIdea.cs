using RelationshipGrains.Validation;

namespace RelationshipGrains.Ideas;

/// <summary>A member's proposal (or a fork's content). The idea id is chosen by the caller, so a retry is safe.</summary>
/// <param name="IdeaId">The caller's id for the idea, 1-64 characters of a-z, 0-9, '.', '_' or '-': a retry under it proposes nothing new.</param>
/// <param name="Title">The idea's title, 1-200 characters.</param>
/// <param name="Description">What it is, at most 8,000 characters, or null.</param>
/// <param name="Attributes">What the community's rules look at, or null for none.</param>
[GenerateSerializer, Immutable, Alias("rg.ProposeIdea")]
public sealed record ProposeIdea(
    [property: Id(0)] string IdeaId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description = null,
    [property: Id(3)] IdeaAttributes? Attributes = null)
{
    /// <summary>Longest title.</summary>
    public const int TitleLength = 200;

    /// <summary>The most similar ideas one request may ask for.</summary>
    public const int MaxSimilar = 20;

    /// <summary>Checks every field.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The id is malformed, the title is missing or too long, the description is too long, or an attribute is
    /// malformed.
    /// </exception>
    public void Validate()
    {
        Check.Id(IdeaId, "ideaId");
        Check.Text(Title, "title", TitleLength);
        Check.OptionalText(Description, "description", Limits.InteractionText);
        Attributes?.Validate();
    }
}
