using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Partners;

/// <summary>An operator registers (or updates) a partner: name, categories it serves, values, contact URL.</summary>
[GenerateSerializer, Immutable, Alias("rg.RegisterPartner")]
public sealed record RegisterPartner(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string>? Categories,
    [property: Id(2)] IReadOnlyDictionary<string, double>? Values = null,
    [property: Id(3)] string? ContactUrl = null)
{
    /// <summary>Checks every field.</summary>
    public void Validate()
    {
        Check.Text(Name, "name", Limits.DisplayName);
        if (CheckValues.Ids(Categories, "categories", 20).Count == 0)
        {
            throw new RelationshipValidationException("categories", "categories must name at least one category.");
        }

        CheckValues.Weights(Values ?? new Dictionary<string, double>(), "values");
        if (ContactUrl is not null)
        {
            OutboundUrl.Check(ContactUrl, "contactUrl");
        }
    }
}
