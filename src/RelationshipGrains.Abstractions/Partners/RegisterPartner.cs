using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Partners;

/// <summary>An operator registers (or updates) a partner: name, categories it serves, values, contact URL.</summary>
/// <param name="Name">The partner's name, 1-200 characters.</param>
/// <param name="Categories">The intent categories it serves, 1-20, each an id (1-64 characters of a-z, 0-9, '.', '_' or '-').</param>
/// <param name="Values">Its values profile: at most 16 names (ids) with weights from 0 to 1; null for none.</param>
/// <param name="ContactUrl">An absolute http or https URL of at most 2,000 characters outside our network, or null.</param>
[GenerateSerializer, Immutable, Alias("rg.RegisterPartner")]
public sealed record RegisterPartner(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string>? Categories,
    [property: Id(2)] IReadOnlyDictionary<string, double>? Values = null,
    [property: Id(3)] string? ContactUrl = null)
{
    /// <summary>Checks every field.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field is missing, malformed or out of range (for example no category, or a contact URL inside our network);
    /// the field is named.
    /// </exception>
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
