using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Grains.ValueChains;

public sealed partial class ValueChainGrain
{
    public async Task<ValueChainView> CommitAsync(string customerId)
    {
        RequireOwner(customerId);
        if (State.Status == ValueChainStatus.Committed)
        {
            return OwnerView();
        }

        RequireOpen();
        var unmet = State.Slots.Select(SlotRules.Unmet).OfType<string>().ToList();
        if (State.Slots.Count == 0)
        {
            unmet.Add("the chain has no slots");
        }

        if (unmet.Count > 0)
        {
            throw new RelationshipValidationException("slots", $"The value chain cannot be committed: {string.Join("; ", unmet)}.");
        }

        var now = time.GetUtcNow();
        State.Status = ValueChainStatus.Committed;
        State.CommittedAt = now;
        State.Slots.ForEach(s => s.Fulfilment = FulfilmentStatus.Accepted);
        await SaveAndTellCustomerAsync($"Value chain committed with {string.Join(", ", State.Slots.Select(s => $"{s.AcceptedPartnerId} as {s.Role}"))}.");
        await events.PublishOrLogAsync(new ValueChainCommitted(ChainId, State.OwnerCustomerId!, State.Title,
            [.. State.Slots.Select(s => new CommittedSlot(s.Role, s.AcceptedPartnerId!, s.AcceptedOffer!.Price.Amount, s.AcceptedOffer.Price.Currency, s.AcceptedOffer.LeadTimeDays))],
            now), $"value-chain/{ChainId}/committed", logger);
        return OwnerView();
    }

    public async Task<ValueChainView> UpdateFulfilmentAsync(string partnerId, string role, FulfilmentStatus status, string? note)
    {
        var slot = InvitedSlot(partnerId, role);
        if (State.Status is not (ValueChainStatus.Committed or ValueChainStatus.Completed) || slot.AcceptedPartnerId != partnerId)
        {
            throw new RelationshipConflictException($"Slot '{role}' is not committed to you; there is nothing to fulfil.");
        }

        if (slot.Fulfilment == status)
        {
            return PartnerView(partnerId);
        }

        if (!SlotRules.CanMove(slot.Fulfilment, status))
        {
            throw new RelationshipValidationException("status", $"Slot '{role}' is {slot.Fulfilment}; it cannot move to {status}.");
        }

        var now = time.GetUtcNow();
        slot.Fulfilment = status;
        if (State.Slots.All(s => s.Fulfilment == FulfilmentStatus.Delivered))
        {
            State.Status = ValueChainStatus.Completed;
        }

        await SaveAndTellCustomerAsync($"{partnerId} reports '{role}' {status}.{(note is null ? "" : " " + note)}", partnerId);
        await events.PublishOrLogAsync(new ValueChainSlotStatusChanged(ChainId, State.OwnerCustomerId!, role, partnerId, status.ToString(), now),
            $"value-chain/{ChainId}/{role}/{status}", logger);
        return PartnerView(partnerId);
    }

    public async Task<ValueChainView> CancelAsync(string customerId, string? reason)
    {
        RequireOwner(customerId);
        Validation.Check.OptionalText(reason, "reason", Validation.Limits.StatusNote);
        if (State.Status == ValueChainStatus.Cancelled)
        {
            return OwnerView();
        }

        if (State.Status == ValueChainStatus.Completed || State.Slots.Any(s => s.Fulfilment is FulfilmentStatus.Shipped or FulfilmentStatus.Delivered))
        {
            throw new RelationshipConflictException("Part of this value chain has already shipped; it can no longer be cancelled.");
        }

        var wasCommitted = State.Status == ValueChainStatus.Committed;
        State.Status = ValueChainStatus.Cancelled;
        await SaveAndTellCustomerAsync($"Value chain cancelled.{(reason is null ? "" : " " + reason)}");
        await events.PublishOrLogAsync(new ValueChainCancelled(ChainId, State.OwnerCustomerId!, reason, wasCommitted, time.GetUtcNow()),
            $"value-chain/{ChainId}/cancelled", logger);
        return OwnerView();
    }
}
