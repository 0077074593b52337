using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Communities;

/// <summary>A new thread (with a title) or a reply (with the thread's id). The post id makes it idempotent.</summary>
/// <param name="PostId">The caller's id for the post, 1-128 letters, digits, '.', '_', ':' or '-': a retry under it posts nothing new.</param>
/// <param name="Text">What the post says, 1-8,000 characters.</param>
/// <param name="Title">A new thread's title, 1-200 characters; must be left out of a reply.</param>
/// <param name="ThreadId">The thread to reply in (the id of its first post); null starts a new thread.</param>
[GenerateSerializer, Immutable, Alias("rg.PostRequest")]
public sealed record PostRequest(
    [property: Id(0)] string PostId,
    [property: Id(1)] string Text,
    [property: Id(2)] string? Title = null,
    [property: Id(3)] string? ThreadId = null)
{
    /// <summary>Checks every field.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field is missing, too long or malformed, a new thread has no title, or a reply has one.
    /// </exception>
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
        else
        {
            // A thread's id is its opening post's.
            Check.RequestId(ThreadId, "threadId");
        }
    }
}
