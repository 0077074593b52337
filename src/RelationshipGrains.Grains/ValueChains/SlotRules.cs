using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Grains.ValueChains;

/// <summary>The rules a slot must meet to commit, and the order fulfilment moves in.</summary>
internal static class SlotRules
{
    /// <summary>Why the slot cannot be committed, or null when it can.</summary>
    public static string? Unmet(SlotState slot)
    {
        if (slot.AcceptedOffer is not { } offer)
        {
            return $"slot '{slot.Role}' has no accepted offer";
        }

        var c = slot.Constraints;
        if (c.MaxPrice is { } max && (offer.Price.Currency != max.Currency || offer.Price.Amount > max.Amount))
        {
            return $"slot '{slot.Role}': the accepted price {offer.Price.Amount} {offer.Price.Currency} exceeds the maximum {max.Amount} {max.Currency}";
        }

        if (c.MaxLeadTimeDays is { } days && offer.LeadTimeDays > days)
        {
            return $"slot '{slot.Role}': the accepted lead time of {offer.LeadTimeDays} days exceeds the maximum of {days}";
        }

        var missing = (c.RequiredCertifications ?? []).Except(offer.Certifications).ToList();
        return missing.Count > 0 ? $"slot '{slot.Role}': the accepted offer lacks the certification(s) {string.Join(", ", missing)}" : null;
    }

    /// <summary>Whether fulfilment may move from <paramref name="from"/> to <paramref name="to"/>: one step on, or to Failed.</summary>
    public static bool CanMove(FulfilmentStatus from, FulfilmentStatus to) => (from, to) switch
    {
        (FulfilmentStatus.Accepted, FulfilmentStatus.InProduction) => true,
        (FulfilmentStatus.InProduction, FulfilmentStatus.Shipped) => true,
        (FulfilmentStatus.Shipped, FulfilmentStatus.Delivered) => true,
        (FulfilmentStatus.Accepted or FulfilmentStatus.InProduction or FulfilmentStatus.Shipped, FulfilmentStatus.Failed) => true,
        _ => false,
    };
}
