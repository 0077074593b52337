using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.ValueChains;

/// <summary>A customer starts a value chain with a title and its first slots. The chain id (the grain key) makes it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("rg.CreateValueChain")]
public sealed record CreateValueChain(
    [property: Id(0)] string OwnerCustomerId,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<SlotDefinition>? Slots = null)
{
    /// <summary>Most slots in one chain.</summary>
    public const int MaxSlots = 20;

    /// <summary>Checks every field.</summary>
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
