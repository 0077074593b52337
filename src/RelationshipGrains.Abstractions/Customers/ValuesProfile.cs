using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>
/// Named weights from 0 to 1 that say what the customer values (for example <c>sustainability</c>, <c>price</c>);
/// partners state theirs on the same names, and intents are matched to partners who "think alike".
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.ValuesProfile")]
public sealed record ValuesProfile([property: Id(0)] IReadOnlyDictionary<string, double>? Weights)
{
    /// <summary>An empty profile.</summary>
    public static ValuesProfile Empty { get; } = new(new Dictionary<string, double>());

    /// <summary>Checks the names and the 0..1 range.</summary>
    public void Validate() => CheckValues.Weights(Weights, "weights");
}
