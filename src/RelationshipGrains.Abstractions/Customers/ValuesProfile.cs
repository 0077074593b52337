using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>
/// Named weights from 0 to 1 that say what the customer values (for example <c>sustainability</c>, <c>price</c>);
/// partners state theirs on the same names, and intents are matched to partners who "think alike".
/// </summary>
/// <param name="Weights">
/// Names, each an id (1-64 characters of a-z, 0-9, '.', '_' or '-'), to weights from 0 to 1; at most 16. Required when
/// the profile is set.
/// </param>
[GenerateSerializer, Immutable, Alias("rg.ValuesProfile")]
public sealed record ValuesProfile([property: Id(0)] IReadOnlyDictionary<string, double>? Weights)
{
    /// <summary>An empty profile.</summary>
    public static ValuesProfile Empty { get; } = new(new Dictionary<string, double>());

    /// <summary>Checks the names and the 0..1 range.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The weights are missing, hold more than 16 names or a malformed name, or a weight is outside 0-1.
    /// </exception>
    public void Validate() => CheckValues.Weights(Weights, "weights");
}
