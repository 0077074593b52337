namespace RelationshipGrains.ValueChains;

/// <summary>
/// A customer's ad-hoc value chain: slots filled by offers from several partners, reconfigured freely until
/// committed. Key: the chain id. Every call names who is acting; anyone else gets "not found".
/// </summary>
[Alias("rg.IValueChainGrain")]
public interface IValueChainGrain : IGrainWithStringKey
{
    /// <summary>Creates the chain for its owner; the same request again returns it.</summary>
    /// <param name="request">The owner, the title and the first slots.</param>
    /// <returns>The owner's view of the chain.</returns>
    /// <remarks>A chain holds at most 20 slots.</remarks>
    /// <exception cref="Errors.RelationshipValidationException">A field is missing, malformed or out of range; the field is named.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The chain id is taken by a chain of another owner or title.</exception>
    [Alias("Create")]
    [ChannelSurface]
    Task<ValueChainView> CreateAsync(CreateValueChain request);

    /// <summary>The owner's view.</summary>
    /// <param name="customerId">The owner.</param>
    /// <exception cref="Errors.RelationshipNotFoundException">The chain does not exist, or the caller is not its owner.</exception>
    [Alias("GetForOwner")]
    [ChannelSurface]
    Task<ValueChainView> GetForOwnerAsync(string customerId);

    /// <summary>Adds a slot before commit; the same slot again answers as the first did, even after the commit.</summary>
    /// <param name="customerId">The owner.</param>
    /// <param name="slot">The new slot; its role must be new to the chain.</param>
    /// <remarks>A chain holds at most 20 slots.</remarks>
    /// <exception cref="Errors.RelationshipValidationException">A field of the slot is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The chain does not exist, or the caller is not its owner.</exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The chain is no longer open, already has a slot with that role, or already holds 20 slots.
    /// </exception>
    [Alias("AddSlot")]
    [ChannelSurface]
    Task<ValueChainView> AddSlotAsync(string customerId, SlotDefinition slot);

    /// <summary>Invites a partner to offer for a slot; the same invitation again answers as the first did, even after the commit.</summary>
    /// <param name="customerId">The owner.</param>
    /// <param name="role">The slot.</param>
    /// <param name="partnerId">
    /// The registered partner to invite, 1-64 characters of a-z, 0-9, '.', '_' or '-'; inviting it again changes
    /// nothing.
    /// </param>
    /// <exception cref="Errors.RelationshipValidationException">The partner id is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">
    /// The chain does not exist, the caller is not its owner, the slot does not exist, or the partner is not
    /// registered.
    /// </exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The chain is committed, completed or cancelled, and can no longer be reconfigured.
    /// </exception>
    [Alias("Invite")]
    [ChannelSurface]
    Task<ValueChainView> InviteAsync(string customerId, string role, string partnerId);

    /// <summary>
    /// The owner accepts a partner's offer for a slot; accepting another before commit swaps, keeping the history. The
    /// same acceptance again answers as the first did, even after the commit.
    /// </summary>
    /// <param name="customerId">The owner.</param>
    /// <param name="role">The slot.</param>
    /// <param name="partnerId">The partner whose offer to accept.</param>
    /// <exception cref="Errors.RelationshipValidationException">The role or partner id is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">
    /// The chain does not exist, the caller is not its owner, the slot does not exist, or the partner has made no offer
    /// for it.
    /// </exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The chain is committed, completed or cancelled, and can no longer be reconfigured.
    /// </exception>
    [Alias("Accept")]
    [ChannelSurface]
    Task<ValueChainView> AcceptAsync(string customerId, string role, string partnerId);

    /// <summary>Commits when every slot holds an accepted offer that meets its constraints; otherwise lists the unmet slots.</summary>
    /// <param name="customerId">The owner.</param>
    /// <returns>The owner's view of the committed chain; committing again changes nothing.</returns>
    /// <exception cref="Errors.RelationshipNotFoundException">The chain does not exist, or the caller is not its owner.</exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The chain is completed or cancelled, or it is not ready: it has no slots, or a slot has no accepted offer or one
    /// that breaks its constraints (the message lists them).
    /// </exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// The chain's outbox is full of events waiting for the message broker; try again after the delay it gives.
    /// </exception>
    [Alias("Commit")]
    [ChannelSurface]
    Task<ValueChainView> CommitAsync(string customerId);

    /// <summary>Cancels the chain: any time before commit, after commit only while nothing has shipped.</summary>
    /// <param name="customerId">The owner.</param>
    /// <param name="reason">Why, at most 2,000 characters, or null.</param>
    /// <returns>The owner's view of the cancelled chain; cancelling again changes nothing.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The reason is over 2,000 characters or holds control characters.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The chain does not exist, or the caller is not its owner.</exception>
    /// <exception cref="Errors.RelationshipConflictException">Part of the chain has shipped or been delivered.</exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// The chain's outbox is full of events waiting for the message broker; try again after the delay it gives.
    /// </exception>
    [Alias("Cancel")]
    [ChannelSurface]
    Task<ValueChainView> CancelAsync(string customerId, string? reason);
}
