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

    /// <summary>What a partner's own report does to a slot at <paramref name="from"/>: one step on, or to Failed.</summary>
    public static FulfilmentMove ForPartner(FulfilmentStatus from, FulfilmentStatus to) => (from, to) switch
    {
        _ when from == to => FulfilmentMove.Passed,
        (FulfilmentStatus.Accepted, FulfilmentStatus.InProduction) => FulfilmentMove.Moves,
        (FulfilmentStatus.InProduction, FulfilmentStatus.Shipped) => FulfilmentMove.Moves,
        (FulfilmentStatus.Shipped, FulfilmentStatus.Delivered) => FulfilmentMove.Moves,
        (FulfilmentStatus.Accepted or FulfilmentStatus.InProduction or FulfilmentStatus.Shipped, FulfilmentStatus.Failed) => FulfilmentMove.Moves,
        _ => FulfilmentMove.Refused,
    };

    /// <summary>
    /// What an ERP status that happened at <paramref name="occurredAt"/> does to a slot at <paramref name="from"/>, last
    /// moved by the ERP at <paramref name="lastChangedAt"/>. The ERP keeps the order, so it may skip a step (an order
    /// shipped from stock is never in production), and its messages may arrive out of order (the adapter's own
    /// "accepted" overtaken by the ERP's next news, a redelivery after a later one): a step the slot has passed changes
    /// nothing. Steps on are taken whatever their time, since ERPs stamp them unevenly (a delivery reported with the
    /// time it happened after a shipment stamped when it was sent). Failure alone turns back, so only there does time
    /// decide: a failure older than the slot's last news changes nothing, and news after a failure (but "accepted")
    /// is old if older than it and refused if newer, so a contradiction shows among the consumer's faults.
    /// </summary>
    public static FulfilmentMove ForErp(FulfilmentStatus from, FulfilmentStatus to, DateTimeOffset? lastChangedAt, DateTimeOffset occurredAt)
    {
        var older = occurredAt < lastChangedAt;
        return (from, to) switch
        {
            _ when from == to => FulfilmentMove.Passed,
            (FulfilmentStatus.Failed, FulfilmentStatus.Accepted) => FulfilmentMove.Passed,
            (FulfilmentStatus.Failed, _) or (FulfilmentStatus.Delivered, FulfilmentStatus.Failed) => older ? FulfilmentMove.Passed : FulfilmentMove.Refused,
            (_, FulfilmentStatus.Failed) => older ? FulfilmentMove.Passed : FulfilmentMove.Moves,
            _ when Step(to) > Step(from) => FulfilmentMove.Moves,
            _ => FulfilmentMove.Passed,
        };
    }

    private static int Step(FulfilmentStatus status) => status switch
    {
        FulfilmentStatus.Accepted => 1,
        FulfilmentStatus.InProduction => 2,
        FulfilmentStatus.Shipped => 3,
        FulfilmentStatus.Delivered => 4,
        _ => 0,
    };
}

/// <summary>What a reported status does to a committed slot.</summary>
internal enum FulfilmentMove
{
    /// <summary>The slot moves to the status.</summary>
    Moves,
    /// <summary>Nothing changes: the slot is at the status or past it, or the news is older than the slot's.</summary>
    Passed,
    /// <summary>The status contradicts the slot's.</summary>
    Refused,
}
