namespace RelationshipGrains.ValueChains;

/// <summary>
/// A customer's ad-hoc value chain: slots filled by offers from several partners, reconfigured freely until
/// committed. Key: the chain id. Every call names who is acting; anyone else gets "not found".
/// </summary>
[Alias("rg.IValueChainGrain")]
public interface IValueChainGrain : IGrainWithStringKey
{
    /// <summary>Creates the chain for its owner; the same request again returns it.</summary>
    [Alias("Create")]
    [ChannelSurface]
    Task<ValueChainView> CreateAsync(CreateValueChain request);

    /// <summary>The owner's view.</summary>
    [Alias("GetForOwner")]
    [ChannelSurface]
    Task<ValueChainView> GetForOwnerAsync(string customerId);

    /// <summary>Adds a slot before commit.</summary>
    [Alias("AddSlot")]
    [ChannelSurface]
    Task<ValueChainView> AddSlotAsync(string customerId, SlotDefinition slot);

    /// <summary>Invites a partner to offer for a slot.</summary>
    [Alias("Invite")]
    [ChannelSurface]
    Task<ValueChainView> InviteAsync(string customerId, string role, string partnerId);

    /// <summary>The owner accepts a partner's offer for a slot; accepting another before commit swaps, keeping the history.</summary>
    [Alias("Accept")]
    [ChannelSurface]
    Task<ValueChainView> AcceptAsync(string customerId, string role, string partnerId);

    /// <summary>Commits when every slot holds an accepted offer that meets its constraints; otherwise lists the unmet slots.</summary>
    [Alias("Commit")]
    [ChannelSurface]
    Task<ValueChainView> CommitAsync(string customerId);

    /// <summary>Cancels the chain: any time before commit, after commit only while nothing has shipped.</summary>
    [Alias("Cancel")]
    [ChannelSurface]
    Task<ValueChainView> CancelAsync(string customerId, string? reason);
}
