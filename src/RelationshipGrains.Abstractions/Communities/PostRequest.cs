using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Communities;

/// <summary>A new thread (with a title) or a reply (with the thread's id). The post id makes it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("rg.PostRequest")]
public sealed record PostRequest(
    [property: Id(0)] string PostId,
    [property: Id(1)] string Text,
    [property: Id(2)] string? Title = null,
    [property: Id(3)] string? ThreadId = null)
{
    /// <summary>Checks every field.</summary>
    public void Validate()
    {
        Check.RequestId(PostId, "postId");
        Check.Text(Text, "text", Limits.InteractionText);
        if (ThreadId is null)
        {
            Check.Text(Title, "title", Limits.DisplayName);
        }
        else if (Title is not null)
        {
            throw new RelationshipValidationException("title", "A reply has no title; only a new thread does.");
        }
    }
}
