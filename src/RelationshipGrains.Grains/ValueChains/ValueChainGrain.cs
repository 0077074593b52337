using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Naming;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Grains.ValueChains;

/// <summary>
/// A customer's ad-hoc value chain. Each caller is named and checked: the owner, or a partner invited to a slot.
/// Anyone else is told the chain does not exist. Assembly (slots, invitations, offers, acceptance) is here;
/// commit, fulfilment and cancellation are beside it.
/// </summary>
public sealed partial class ValueChainGrain(
    [PersistentState("value-chain", StorageNames.Relationships)] IPersistentState<ValueChainState> state,
    TimeProvider time,
    Pseudonyms pseudonyms,
    Outboxes outboxes) : Grain, IValueChainGrain, IValueChainForPartnersGrain, IValueChainErasureGrain, IRemindable, IGrainMigrationParticipant
{
    private GrainOutbox? _outbox;

    /// <summary>
    /// One write at a time: <see cref="ForgetOwnerAsync"/> runs between the chain's other calls, and two writes at once
    /// race on the stored ETag, where the loser's reload would drop the winner's change from memory.
    /// </summary>
    private readonly SemaphoreSlim _writes = new(1, 1);

    private ValueChainState State => state.State;

    private GrainOutbox Outbox => _outbox ??= outboxes.For(this, static grain => ((ValueChainGrain)grain).State.Outbox);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Outbox.OnActivate();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Outbox.OnDeactivateAsync(reason, () => state.WriteOrReloadAsync(this));

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == GrainOutbox.ReminderName ? UnderWriteLockAsync(() => Outbox.OnReminderAsync(() => state.WriteOrReloadAsync(this, Outbox))) : Task.CompletedTask;

    public void OnDehydrate(IDehydrationContext dehydrationContext) => Outbox.Dehydrate(dehydrationContext);

    public void OnRehydrate(IRehydrationContext rehydrationContext) => Outbox.Rehydrate(rehydrationContext);

    private string ChainId => Check.Id(this.GetPrimaryKeyString(), "valueChainId");

    public async Task<ValueChainView> CreateAsync(CreateValueChain request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (State.OwnerCustomerId is null)
        {
            RequireIdWithoutOwner(request.OwnerCustomerId);
            await NoteForOwnerAsync(request.OwnerCustomerId);
        }

        await ChangeAsync(() =>
        {
            if (State.OwnerCustomerId is { } owner)
            {
                // An erased owner's pseudonym is nobody's: the chain stays its partners', not a retry's to read.
                return State.OwnerErased || owner != request.OwnerCustomerId || State.Title != request.Title
                    ? throw new RelationshipConflictException($"Value chain id '{ChainId}' is already taken.")
                    : false;
            }

            Begin(request, (request.Slots ?? []).Select(NewSlot));
            Opened(partnerIds: []);
            return Step($"Value chain '{request.Title}' created with {State.Slots.Count} slot(s).");
        });
        return OwnerView();
    }

    public Task<ValueChainView> GetForOwnerAsync(string customerId)
    {
        RequireOwner(customerId);
        return Task.FromResult(OwnerView());
    }

    public Task<ValueChainView> GetForPartnerAsync(string partnerId)
    {
        RequirePartner(partnerId);
        return Task.FromResult(PartnerView(partnerId));
    }

    public async Task<ValueChainView> AddSlotAsync(string customerId, SlotDefinition slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        slot.Validate("");
        await ChangeAsync(() =>
        {
            RequireOwner(customerId);
            // Retries are answered before the chain's status is checked: a retry after a commit answers as the first did.
            if (State.Slots.FirstOrDefault(s => s.Role == slot.Role) is { } existing)
            {
                // The same slot again is a retry whose answer was lost; another under the same role is a conflict.
                var asked = NewSlot(slot);
                return existing.Requirements != asked.Requirements || !SameConstraints(existing.Constraints, asked.Constraints)
                    ? throw new RelationshipConflictException($"The chain already has a slot '{slot.Role}'.")
                    : false;
            }

            RequireOpen();
            if (State.Slots.Count >= CreateValueChain.MaxSlots)
            {
                throw new RelationshipConflictException($"The chain already holds {CreateValueChain.MaxSlots} slots, the most it may.");
            }

            State.Slots.Add(NewSlot(slot));
            return Step($"Slot '{slot.Role}' added.");
        });
        return OwnerView();
    }

    public async Task<ValueChainView> InviteAsync(string customerId, string role, string partnerId)
    {
        RequireOwner(customerId);
        Check.Id(role, "role");
        Check.Id(partnerId, "partnerId");
        if (!SlotFor(role).Invited.Contains(partnerId))
        {
            RequireOpen();
            _ = await GrainFactory.GetGrain<IPartnerAccountGrain>(partnerId).GetAsync()
                ?? throw new RelationshipNotFoundException($"Partner '{partnerId}' is not registered.");
        }

        await ChangeAsync(() =>
        {
            // Checked again: the owner's erasure may have run meanwhile (ForgetOwnerAsync interleaves), cancelling the
            // chain and taking the customer's id from it.
            RequireOwner(customerId);
            var slot = SlotFor(role);
            if (slot.Invited.Contains(partnerId))
            {
                return false;
            }

            RequireOpen();
            slot.Invited.Add(partnerId);
            State.PartnersUntold.Add(partnerId);
            return Step($"Partner {partnerId} invited to offer for '{role}'.");
        });
        return OwnerView();
    }

    public async Task<ValueChainView> OfferAsync(string partnerId, string role, OfferTerms offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        offer.Validate();
        await ChangeAsync(() =>
        {
            var slot = InvitedSlot(partnerId, role);
            if (slot.Offers.FirstOrDefault(o => o.PartnerId == partnerId) is { } standing && SameOffer(standing, offer))
            {
                // A retry whose answer was lost: another step would tell the customer twice.
                return false;
            }

            RequireOpen();
            if (slot.AcceptedPartnerId == partnerId)
            {
                // The customer accepted these terms; other terms would be committed without their ever seeing them.
                throw new RelationshipConflictException(
                    $"Your offer for slot '{role}' has been accepted as it stands; it can no longer change.");
            }

            PutOffer(slot, partnerId, offer);
            return Step($"{partnerId} offered {offer.Price!.Amount} {offer.Price.Currency} for '{role}', ready in {offer.LeadTimeDays} days.", partnerId);
        });
        return PartnerView(partnerId);
    }

    public async Task<ValueChainView> AcceptAsync(string customerId, string role, string partnerId)
    {
        Check.Id(role, "role");
        Check.Id(partnerId, "partnerId");
        await ChangeAsync(() =>
        {
            RequireOwner(customerId);
            var slot = SlotFor(role);
            if (slot.AcceptedPartnerId == partnerId)
            {
                return false;
            }

            RequireOpen();
            if (slot.Offers.All(o => o.PartnerId != partnerId))
            {
                // Not found, as an intent offer that was never made: the request is well formed, what it names is not there.
                throw new RelationshipNotFoundException($"Partner '{partnerId}' has made no offer for slot '{role}'.");
            }

            var replaced = Accept(slot, partnerId);
            return Step(replaced is null ? $"Accepted {partnerId}'s offer for '{role}'." : $"Swapped {replaced} for {partnerId} in '{role}'.");
        });
        return OwnerView();
    }

    public async Task<ValueChainView> SeedAsync(CreateValueChain request, string partnerId, OfferTerms offer)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        ArgumentNullException.ThrowIfNull(offer);
        offer.Validate();
        if (request.Slots is not [var definition])
        {
            throw new RelationshipValidationException("slots", "A chain seeded from an intent offer starts with exactly one slot.");
        }

        if (State.OwnerCustomerId is null)
        {
            RequireIdWithoutOwner(request.OwnerCustomerId);
            await NoteForOwnerAsync(request.OwnerCustomerId);
        }

        await ChangeAsync(() =>
        {
            if (State.OwnerCustomerId is not null)
            {
                // The same acceptance again, whose answer was lost, finds its chain as it still stands; anything else
                // (another intent's, or a chain changed since by its owner) is another chain.
                return State.OwnerErased || State.OwnerCustomerId != request.OwnerCustomerId || State.Title != request.Title
                    || State.Slots is not [var seeded] || seeded.Role != definition.Role || seeded.AcceptedOffer is not { } accepted
                    || accepted.PartnerId != partnerId || !SameOffer(accepted, offer)
                    ? throw new RelationshipConflictException($"Value chain id '{ChainId}' is already taken.")
                    : false;
            }

            var slot = NewSlot(definition);
            Begin(request, [slot]);
            slot.Invited.Add(partnerId);
            PutOffer(slot, partnerId, offer);
            Accept(slot, partnerId);
            Opened(partnerIds: [partnerId]);
            State.PartnersUntold.Add(partnerId);
            return Step($"Value chain '{request.Title}' created from {partnerId}'s offer for '{definition.Role}'.");
        });
        return OwnerView();
    }

    /// <summary>
    /// Partners see the chain's id beside the pseudonym they know its owner by: an id holding the customer's would tell
    /// them who it is. Looked for as whole parts between '.', '_' and '-', so a UUID whose hex happens to hold a short
    /// customer id passes.
    /// </summary>
    private void RequireIdWithoutOwner(string owner)
    {
        static string Parts(string id) => $"-{id.Replace('.', '-').Replace('_', '-')}-";
        if (Parts(ChainId).Contains(Parts(owner), StringComparison.Ordinal))
        {
            throw new RelationshipValidationException("valueChainId",
                "valueChainId must not hold the customer's id: partners see it, and know the customer only by a pseudonym. Choose a UUID.");
        }
    }

    /// <summary>
    /// The owner writes the chain down before the chain writes anything: told only by the first step, a chain whose
    /// step never arrived (the customer's silo down, no retry) was in no list of the customer's, and their erasure left
    /// it open under their id and words. A chain whose own write then fails stays listed, and is skipped when listed.
    /// </summary>
    private Task NoteForOwnerAsync(string owner) => GrainFactory.GetGrain<ICustomerNoticesGrain>(owner).NoteValueChainAsync(ChainId);

    private void Begin(CreateValueChain request, IEnumerable<SlotState> slots)
    {
        State.OwnerCustomerId = request.OwnerCustomerId;
        State.Title = request.Title;
        State.CreatedAt = time.GetUtcNow();
        State.Slots = [.. slots];
    }

    private void Opened(IReadOnlyList<string> partnerIds) =>
        Outbox.Add(new ValueChainOpened(ChainId, State.OwnerCustomerId!, State.Title, [.. State.Slots.Select(s => s.Role)], partnerIds, State.CreatedAt), State.CreatedAt);

    private void PutOffer(SlotState slot, string partnerId, OfferTerms offer)
    {
        slot.Offers.RemoveAll(o => o.PartnerId == partnerId);
        slot.Offers.Add(new SlotOffer(partnerId, offer.Price!, offer.LeadTimeDays!.Value, [.. offer.Certifications ?? []], offer.Terms, time.GetUtcNow()));
    }

    private string? Accept(SlotState slot, string partnerId)
    {
        var replaced = slot.AcceptedPartnerId;
        slot.AcceptedPartnerId = partnerId;
        State.History.Add(new AcceptanceRecord(slot.Role, partnerId, replaced, time.GetUtcNow()));
        return replaced;
    }

    private static SlotState NewSlot(SlotDefinition definition) => new()
    {
        Role = definition.Role,
        Requirements = definition.Requirements,
        Constraints = definition.Constraints ?? new SlotConstraints(),
    };

    private static bool SameOffer(SlotOffer standing, OfferTerms offer) =>
        standing.Price == offer.Price && standing.LeadTimeDays == offer.LeadTimeDays && standing.Terms == offer.Terms
        && standing.Certifications.SequenceEqual(offer.Certifications ?? []);

    private static bool SameConstraints(SlotConstraints a, SlotConstraints b) =>
        a.MaxPrice == b.MaxPrice && a.MaxLeadTimeDays == b.MaxLeadTimeDays
        && (a.RequiredCertifications ?? []).SequenceEqual(b.RequiredCertifications ?? []);

    private SlotState SlotFor(string role) =>
        State.Slots.FirstOrDefault(s => s.Role == role) ?? throw new RelationshipNotFoundException($"Slot '{role}' does not exist.");

    /// <summary>The slot if the partner was invited to it; to anyone else neither the slot nor the chain exists.</summary>
    private SlotState InvitedSlot(string partnerId, string role)
    {
        RequirePartner(partnerId);
        return State.Slots.FirstOrDefault(s => s.Role == role && s.Invited.Contains(partnerId))
            ?? throw new RelationshipNotFoundException($"Slot '{role}' does not exist.");
    }

    private void RequireOwner(string customerId)
    {
        // An erased owner's chain is kept for its partners; the pseudonym in its place is nobody's to act under.
        if (State.OwnerCustomerId is null || State.OwnerErased || State.OwnerCustomerId != customerId)
        {
            throw new RelationshipNotFoundException($"Value chain '{ChainId}' does not exist.");
        }
    }

    private void RequirePartner(string partnerId)
    {
        if (State.OwnerCustomerId is null || !State.Slots.Any(s => s.Invited.Contains(partnerId)))
        {
            throw new RelationshipNotFoundException($"Value chain '{ChainId}' does not exist.");
        }
    }

    private void RequireOpen()
    {
        if (State.Status != ValueChainStatus.Open)
        {
            throw new RelationshipConflictException($"Value chain '{ChainId}' is {Kebab.Of(State.Status)}; it can no longer be reconfigured.");
        }
    }

    // Waits for a write in flight before it reads the state: should that write fail, its reload replaces the state.
    public Task ForgetOwnerAsync(string customerId) =>
        UnderWriteLockAsync(() => ForgetOwner(customerId) ? state.WriteOrReloadAsync(this, Outbox) : Task.CompletedTask);

    /// <summary>What <see cref="ForgetOwnerAsync"/> changes in memory; true if the state is to be written.</summary>
    private bool ForgetOwner(string customerId)
    {
        // Asked again by an erasure sent again: a chain of an owner erased before its text was removed is cleaned then.
        // A chain being created, waiting for its owner to note it, has no owner yet: the note comes after the erasure.
        var pseudonym = pseudonyms.ForErasedCustomer(customerId);
        if (State.OwnerCustomerId != (State.OwnerErased ? pseudonym : customerId))
        {
            return false;
        }

        var changed = !State.OwnerErased;
        // The whole state is rewritten, so storage no longer holds the customer's id either; events still waiting for
        // the broker go out under the pseudonym, which a receiver that has erased the customer cannot take for them.
        State.OwnerCustomerId = pseudonym;
        State.OwnerErased = true;
        State.Untold.Clear();
        // The owner's reason for a cancel is theirs; the erasure's own cancel gives its reason.
        List<EventChange> inEvents = [EventChange.Exactly("customerId", customerId, pseudonym), new("reason", reason => reason != OwnerErasedReason, null)];
        if (State.CommittedAt is null)
        {
            inEvents.Add(EventChange.Whatever("title", RemovedText));
        }

        changed |= Outbox.Rewrite(m => m.Replacing(inEvents));
        if (State.Status == ValueChainStatus.Open)
        {
            // No one may commit it any more, so it ends here and its partners hear so. The outbox's bound is not checked:
            // an erasure must not wait for the broker.
            var now = time.GetUtcNow();
            State.Status = ValueChainStatus.Cancelled;
            Outbox.Add(new ValueChainCancelled(ChainId, pseudonym, OwnerErasedReason, WasCommitted: false, now, PartnersInChain(), null), now);
            changed = true;
        }

        if (State.CommittedAt is null && (State.Title != RemovedText || State.Slots.Any(slot => slot.Requirements is not null)))
        {
            // No partner will fulfil a chain never committed, so what the customer wrote (the title, often an intent's
            // text, and each slot's requirements) goes.
            State.Title = RemovedText;
            State.Slots.ForEach(slot => slot.Requirements = null);
            changed = true;
        }

        return changed;
    }

    private async Task UnderWriteLockAsync(Func<Task> work)
    {
        await _writes.WaitAsync();
        try
        {
            await work();
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Checks and changes the state with <paramref name="change"/> (true: write it) and writes it under the write lock,
    /// then tells what is untold. Every change takes the lock before it touches the state: <see cref="ForgetOwnerAsync"/>
    /// interleaves, and a call that changed the state while its write was in flight had its event counted as stored by
    /// that write (and published before it was), or, should that write fail, its change dropped with the state the
    /// failure reloaded, and was answered as done. Nothing that may call back into the chain runs under the lock.
    /// </summary>
    private async Task ChangeAsync(Func<bool> change)
    {
        await UnderWriteLockAsync(() => change() ? state.WriteOrReloadAsync(this, Outbox) : Task.CompletedTask);
        await TellAsync();
    }

    /// <summary>The title of a chain never committed whose owner was erased, as posts and ideas read after an erasure.</summary>
    public const string RemovedText = "[removed]";

    /// <summary>Why an open chain whose owner was erased was cancelled, as <see cref="ValueChainCancelled.Reason"/> says.</summary>
    public const string OwnerErasedReason = "The customer who owned this value chain was erased.";

    /// <summary>Every partner invited to a slot or accepted for one.</summary>
    private List<string> PartnersInChain() =>
        [.. State.Slots.SelectMany(s => s.Invited.Append(s.AcceptedPartnerId)).OfType<string>().Distinct()];

    /// <summary>The step a change makes, for the owner to be told once it is written; true, to write it.</summary>
    private bool Step(string text, string? partnerId = null)
    {
        State.Steps++;
        if (!State.OwnerErased)
        {
            State.Untold.Add(new ValueChainStep($"{ChainId}/{State.Steps}", ChainId, text, Kebab.Of(State.Status), partnerId));
        }

        return true;
    }

    /// <summary>
    /// Tells what is written but untold, in order. What was told leaves the lists in memory and with the next write; until
    /// then a reactivation tells it again, which the customer (by step id) and the partner (by chain id) recognise.
    /// </summary>
    private async Task TellAsync()
    {
        while (State.Untold.Count > 0 && !State.OwnerErased)
        {
            var step = State.Untold[0];
            await GrainFactory.GetGrain<ICustomerNoticesGrain>(State.OwnerCustomerId!).RecordValueChainStepAsync(step);
            // Unless the owner's erasure emptied the list meanwhile (ForgetOwnerAsync interleaves).
            if (State.Untold.Count > 0 && ReferenceEquals(State.Untold[0], step))
            {
                State.Untold.RemoveAt(0);
            }
        }

        while (State.PartnersUntold.Count > 0)
        {
            await GrainFactory.GetGrain<IPartnerAccountGrain>(State.PartnersUntold[0]).NoteValueChainAsync(ChainId);
            State.PartnersUntold.RemoveAt(0);
        }
    }

    private ValueChainView OwnerView() => new(
        ChainId, State.OwnerCustomerId!, State.Title, State.Status,
        [.. State.Slots.Select(s => new SlotView(s.Role, s.Requirements, s.Constraints, [.. s.Invited], [.. s.Offers], s.AcceptedPartnerId, s.Fulfilment))],
        [.. State.History], State.CreatedAt, State.CommittedAt);

    private ValueChainView PartnerView(string partnerId) => new(
        ChainId, pseudonyms.For(State.OwnerCustomerId!, partnerId), State.Title, State.Status,
        [.. State.Slots.Where(s => s.Invited.Contains(partnerId)).Select(s => new SlotView(
            s.Role, s.Requirements, s.Constraints, [partnerId], [.. s.Offers.Where(o => o.PartnerId == partnerId)],
            s.AcceptedPartnerId == partnerId ? partnerId : null, s.AcceptedPartnerId == partnerId ? s.Fulfilment : FulfilmentStatus.Pending))],
        [.. State.History.Where(h => h.PartnerId == partnerId).Select(h => h with { Replaced = null })], State.CreatedAt, State.CommittedAt);
}
