namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// A value chain was cancelled: by its owner, or because its owner was erased before it was committed (no one could
/// commit it any more).
/// </summary>
/// <param name="ValueChainId">The chain.</param>
/// <param name="CustomerId">Its owner; once the owner is erased, the pseudonym in the owner's place.</param>
/// <param name="Reason">The owner's reason, if given; for an erased owner, "The customer who owned this value chain was erased."</param>
/// <param name="WasCommitted">Whether it had been committed (the ERP had orders for it).</param>
/// <param name="CancelledAt">When.</param>
/// <param name="PartnerIds">The partners invited to or holding a slot: a partner's webhook gets the event through them.</param>
/// <param name="OrderedSlots">
/// When it had been committed, the slots the ERP has orders for, as <see cref="ValueChainCommitted"/> named them: the ERP
/// adapter cancels each. Null in events from before it was added.
/// </param>
public record ValueChainCancelled(string ValueChainId, string CustomerId, string? Reason, bool WasCommitted, DateTimeOffset CancelledAt,
    IReadOnlyList<string>? PartnerIds = null, IReadOnlyList<CommittedSlot>? OrderedSlots = null);
