namespace RelationshipGrains.Errors;

/// <summary>Input was refused; nothing was changed. <see cref="Field"/> names the field at fault.</summary>
[GenerateSerializer, Alias("rg.RelationshipValidationException")]
public sealed class RelationshipValidationException : Exception
{
    /// <summary>Creates the error for one field.</summary>
    /// <param name="field">
    /// The field at fault, in the JSON spelling of the HTTP API (for example <c>text</c>, <c>author.id</c> or
    /// <c>contactPoints[2].address</c>). Becomes <see cref="Field"/>.
    /// </param>
    /// <param name="message">What is wrong and what is allowed, in a sentence that names the field.</param>
    public RelationshipValidationException(string field, string message) : base(message) => Field = field;

    /// <summary>The field at fault, in the JSON spelling of the HTTP API (for example <c>text</c> or <c>author.id</c>).</summary>
    [Id(0)]
    public string Field { get; private set; }
}
