namespace RelationshipGrains.Errors;

/// <summary>The caller may not do this (for example a grain client calling an operator's method); nothing was changed.</summary>
[GenerateSerializer, Alias("rg.RelationshipForbiddenException")]
public sealed class RelationshipForbiddenException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">Why the caller may not do this, in a sentence for the caller.</param>
    public RelationshipForbiddenException(string message) : base(message)
    {
    }
}
