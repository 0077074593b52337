namespace RelationshipGrains.Errors;

/// <summary>The thing asked for does not exist.</summary>
[GenerateSerializer, Alias("rg.RelationshipNotFoundException")]
public sealed class RelationshipNotFoundException : Exception
{
    /// <summary>Creates the error.</summary>
    public RelationshipNotFoundException(string message) : base(message)
    {
    }
}
