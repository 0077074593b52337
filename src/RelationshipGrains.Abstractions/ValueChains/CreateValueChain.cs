using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.ValueChains;

/// <summary>A customer starts a value chain with a title and its first slots. The chain id (the grain key) makes it idempotent.</summary>
/// <param name="OwnerCustomerId">The customer who owns the chain, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
/// <param name="Title">The chain's title, 1-200 characters.</param>
/// <param name="Slots">The first slots, at most 20, each with its own role; null for none.</param>
[GenerateSerializer, Immutable, Alias("rg.CreateValueChain")]
public sealed record CreateValueChain(
    [property: Id(0)] string OwnerCustomerId,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<SlotDefinition>? Slots = null)
{
    /// <summary>Most slots in one chain.</summary>
    public const int MaxSlots = 20;

    /// <summary>Checks every field.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The owner id is malformed, the title is missing or too long, there are more than 20 slots, a slot is malformed,
    /// or two share a role.
    /// </exception>
    public void Validate()
    {
        Check.Id(OwnerCustomerId, "ownerCustomerId");
        Check.Text(Title, "title", Limits.DisplayName);
        var slots = Check.List(Slots, "slots", MaxSlots);
        for (var i = 0; i < slots.Count; i++)
        {
            (slots[i] ?? throw new RelationshipValidationException($"slots[{i}]", "slot must not be null.")).Validate($"slots[{i}]");
        }

        if (slots.Select(s => s.Role).Distinct().Count() != slots.Count)
        {
            throw new RelationshipValidationException("slots", "Each slot needs its own role.");
        }
    }
}
