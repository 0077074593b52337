namespace RelationshipGrains.Errors;

/// <summary>The thing asked for does not exist.</summary>
[GenerateSerializer, Alias("rg.RelationshipNotFoundException")]
public sealed class RelationshipNotFoundException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What does not exist, in a sentence for the caller.</param>
    public RelationshipNotFoundException(string message) : base(message)
    {
    }
}
