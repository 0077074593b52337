using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Naming;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Grains.ValueChains;

public sealed partial class ValueChainGrain
{
    /// <summary>How many back-office message ids a chain remembers for de-duplication.</summary>
    public const int ProcessedMessagesKept = 1_000;

    public async Task<ValueChainView> CommitAsync(string customerId)
    {
        await ChangeAsync(() =>
        {
            RequireOwner(customerId);
            if (State.Status == ValueChainStatus.Committed)
            {
                return false;
            }

            RequireOpen();
            var unmet = State.Slots.Select(SlotRules.Unmet).OfType<string>().ToList();
            if (State.Slots.Count == 0)
            {
                unmet.Add("the chain has no slots");
            }

            if (unmet.Count > 0)
            {
                throw new RelationshipConflictException($"The value chain cannot be committed: {string.Join("; ", unmet)}.");
            }

            Outbox.EnsureRoom();
            var now = time.GetUtcNow();
            State.Status = ValueChainStatus.Committed;
            State.CommittedAt = now;
            State.Slots.ForEach(s => s.Fulfilment = FulfilmentStatus.Accepted);
            Outbox.Add(new ValueChainCommitted(ChainId, State.OwnerCustomerId!, State.Title, CommittedSlots(), now), now);
            return Step($"Value chain committed with {string.Join(", ", State.Slots.Select(s => $"{s.AcceptedPartnerId} as {s.Role}"))}.");
        });
        return OwnerView();
    }

    public async Task<ValueChainView> UpdateFulfilmentAsync(string partnerId, string role, FulfilmentStatus status, string? note)
    {
        // Checked here as for the ERP's updates, not only in the HTTP API: the note goes on the customer's timeline.
        Validation.Check.Id(partnerId, "partnerId");
        Validation.Check.OptionalText(note, "note", Validation.Limits.StatusNote);
        RefusePending(status);
        await ChangeFulfilmentAsync(partnerId, role, status, note, null, null);
        return PartnerView(partnerId);
    }

    /// <summary>A slot is pending only until its chain is committed: no report moves it there, from a partner or the ERP.</summary>
    private static void RefusePending(FulfilmentStatus status)
    {
        if (status == FulfilmentStatus.Pending)
        {
            throw new Errors.RelationshipValidationException("status", "status must be accepted, in-production, shipped, delivered or failed.");
        }
    }

    public async Task<bool> ApplyErpStatusAsync(Guid messageId, string role, string partnerId, FulfilmentStatus status, string? note, DateTimeOffset? occurredAt = null)
    {
        Validation.Check.Id(partnerId, "partnerId");
        Validation.Check.OptionalText(note, "note", Validation.Limits.StatusNote);
        if (messageId == Guid.Empty)
        {
            // Remembered for deduplication: every later message without an id would pass for a redelivery of this one.
            throw new Errors.RelationshipValidationException("messageId", "messageId must not be empty.");
        }

        // The bus's consumer refuses it as it parses; a grain client could still send it.
        RefusePending(status);
        var changedAt = Validation.Check.OccurredAt(occurredAt, time.GetUtcNow());
        return await ChangeFulfilmentAsync(partnerId, role, status, note is null ? "(from the ERP)" : $"{note} (from the ERP)", messageId, changedAt);
    }

    /// <summary>
    /// Moves a committed slot on; <paramref name="messageId"/> is remembered in the same write when a back-office
    /// message asked, and <paramref name="changedAt"/> is when the ERP says the order moved (a partner's own update
    /// happens now). False for a back-office message applied before.
    /// </summary>
    private async Task<bool> ChangeFulfilmentAsync(string partnerId, string role, FulfilmentStatus status, string? note, Guid? messageId, DateTimeOffset? changedAt)
    {
        var applied = true;
        await ChangeAsync(() =>
        {
            if (messageId is { } message && State.ProcessedMessages.Contains(message))
            {
                // A redelivery, perhaps because telling the customer failed after the first one's write.
                applied = false;
                return false;
            }

            var slot = InvitedSlot(partnerId, role);
            if (State.Status is not (ValueChainStatus.Committed or ValueChainStatus.Completed) || slot.AcceptedPartnerId != partnerId)
            {
                throw new RelationshipConflictException($"Slot '{role}' is not committed to you; there is nothing to fulfil.");
            }

            // The ERP's messages (those with an id) may skip a step or arrive after later news; a partner moves one step.
            var move = messageId is not null
                ? SlotRules.ForErp(slot.Fulfilment, status, slot.FulfilmentChangedAt, changedAt ?? time.GetUtcNow())
                : SlotRules.ForPartner(slot.Fulfilment, status);
            if (move == FulfilmentMove.Passed)
            {
                // Nothing moves, but a back-office message is still remembered as applied.
                if (messageId is { } seen)
                {
                    State.ProcessedMessages.AddKeepingLatest(seen, ProcessedMessagesKept);
                    return true;
                }

                return false;
            }

            if (move == FulfilmentMove.Refused)
            {
                throw new RelationshipConflictException($"Slot '{role}' is {Kebab.Of(slot.Fulfilment)}; it cannot move to {Kebab.Of(status)}.");
            }

            Outbox.EnsureRoom();
            if (messageId is { } id)
            {
                State.ProcessedMessages.AddKeepingLatest(id, ProcessedMessagesKept);
            }

            var now = time.GetUtcNow();
            slot.Fulfilment = status;
            // Only the ERP's own times are compared with each other: a partner's come from our clock, which may run apart.
            slot.FulfilmentChangedAt = messageId is null ? null : changedAt;
            if (State.Slots.All(s => s.Fulfilment == FulfilmentStatus.Delivered))
            {
                State.Status = ValueChainStatus.Completed;
            }

            Outbox.Add(new ValueChainSlotStatusChanged(ChainId, State.OwnerCustomerId!, role, partnerId, Kebab.Of(status), changedAt ?? now, Kebab.Of(State.Status)), now);
            return Step($"{partnerId} reports '{role}' {Kebab.Words(status)}.{(note is null ? "" : " " + note)}", partnerId);
        });
        return applied;
    }

    public async Task<ValueChainView> CancelAsync(string customerId, string? reason)
    {
        Validation.Check.OptionalText(reason, "reason", Validation.Limits.StatusNote);
        await ChangeAsync(() =>
        {
            RequireOwner(customerId);
            if (State.Status == ValueChainStatus.Cancelled)
            {
                return false;
            }

            if (State.Status == ValueChainStatus.Completed || State.Slots.Any(s => s.Fulfilment is FulfilmentStatus.Shipped or FulfilmentStatus.Delivered))
            {
                throw new RelationshipConflictException("Part of this value chain has already shipped; it can no longer be cancelled.");
            }

            Outbox.EnsureRoom();
            var wasCommitted = State.Status == ValueChainStatus.Committed;
            State.Status = ValueChainStatus.Cancelled;
            Outbox.Add(new ValueChainCancelled(ChainId, State.OwnerCustomerId!, reason, wasCommitted, time.GetUtcNow(), PartnersInChain(),
                wasCommitted ? CommittedSlots(withOrders: true) : null), time.GetUtcNow());
            return Step($"Value chain cancelled.{(reason is null ? "" : " " + reason)}");
        });
        return OwnerView();
    }

    /// <summary>
    /// The slots as committed: the ERP places an order for each and cancels each if the chain is cancelled, except
    /// (<paramref name="withOrders"/>) those whose order failed.
    /// </summary>
    private List<CommittedSlot> CommittedSlots(bool withOrders = false) =>
        [.. State.Slots.Where(s => !withOrders || s.Fulfilment != FulfilmentStatus.Failed).Select(s => new CommittedSlot(s.Role, s.AcceptedPartnerId!, s.AcceptedOffer!.Price.Amount, s.AcceptedOffer.Price.Currency, s.AcceptedOffer.LeadTimeDays))];
}
