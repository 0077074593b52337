namespace RelationshipGrains.Errors;

/// <summary>Input was refused; nothing was changed. <see cref="Field"/> names the field at fault.</summary>
[GenerateSerializer, Alias("rg.RelationshipValidationException")]
public sealed class RelationshipValidationException : Exception
{
    /// <summary>Creates the error for one field.</summary>
    public RelationshipValidationException(string field, string message) : base(message) => Field = field;

    /// <summary>The field at fault, in the JSON spelling of the HTTP API (for example <c>text</c> or <c>author.id</c>).</summary>
    [Id(0)]
    public string Field { get; private set; }
}
