namespace RelationshipGrains.Errors;

/// <summary>The request contradicts the current state (for example an id reused for different content); nothing was changed.</summary>
[GenerateSerializer, Alias("rg.RelationshipConflictException")]
public sealed class RelationshipConflictException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What contradicts the current state, in a sentence for the caller.</param>
    public RelationshipConflictException(string message) : base(message)
    {
    }
}
