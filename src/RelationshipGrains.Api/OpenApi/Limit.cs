using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.OpenApi;

/// <summary>One field's published limit: a length, a pattern, a range or a number of items (each of its own limit).</summary>
internal sealed record Limit(
    int? MaxLength = null, string? Pattern = null, int? Minimum = null, int? Maximum = null, int? MaxItems = null, Limit? Each = null,
    JsonNode[]? OneOf = null, int? MinLength = null)
{
    public static Limit Id { get; } = new(Limits.IdLength, Check.IdPatternText);

    /// <summary>A staff member's subject or a partner's id (the checks tell them apart by the author's kind).</summary>
    public static Limit Subject { get; } = new(Limits.SubjectLength, Check.SubjectPatternText);

    public static Limit RequestId { get; } = new(Limits.RequestIdLength, Check.RequestIdPatternText);

    /// <summary>A caller's id for a timeline entry: a request id that starts with no prefix the system's own entries use.</summary>
    public static Limit EntryId { get; } = new(Limits.RequestIdLength, RelationshipGrains.Customers.ReservedEntryIds.PatternText);

    /// <summary>A case or campaign id, which its entry id prefixes with "case:" or "touch:".</summary>
    public static Limit SubjectId { get; } = new(RelationshipGrains.Customers.BackOfficeUpdate.MaxSubjectIdLength, Check.RequestIdPatternText);

    public static Limit Text(int maxLength) => new(maxLength);

    public static Limit Range(int minimum, int maximum) => new(Minimum: minimum, Maximum: maximum);

    public static Limit Items(int maxItems, Limit? each = null) => new(MaxItems: maxItems, Each: each);

    /// <summary>A number that must be one of <paramref name="values"/>: a range would also allow those between.</summary>
    public static Limit Values(params int[] values) => new(OneOf: [.. values.Select(v => (JsonNode)v)]);

    public static Limit Words(params string[] words) => new(OneOf: [.. words.Select(w => (JsonNode)w)]);

    public void ApplyTo(OpenApiSchema schema)
    {
        schema.MaxLength = MaxLength ?? schema.MaxLength;
        schema.Pattern = Pattern ?? schema.Pattern;
        schema.Minimum = Minimum?.ToString(CultureInfo.InvariantCulture) ?? schema.Minimum;
        schema.Maximum = Maximum?.ToString(CultureInfo.InvariantCulture) ?? schema.Maximum;
        schema.MaxItems = MaxItems ?? schema.MaxItems;
        schema.MinLength = MinLength ?? schema.MinLength;
        if (OneOf is not null)
        {
            schema.Enum = [.. OneOf.Select(v => v.DeepClone())];
        }
        if (Each is not null && schema.Items is OpenApiSchema items)
        {
            Each.ApplyTo(items);
        }
    }
}
