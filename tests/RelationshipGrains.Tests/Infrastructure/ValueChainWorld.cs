using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>Value chains in a known state, for tests about what happens after.</summary>
public static class ValueChainWorld
{
    /// <summary>A committed one-slot chain ("maker") and who owns and fills it.</summary>
    /// <param name="grains">The cluster.</param>
    /// <param name="role">The slot's role.</param>
    /// <param name="chainId">The chain's id, when the test must know it before the chain is committed; a new one otherwise.</param>
    public static async Task<(IValueChainGrain Chain, string Owner, string Maker)> CommittedAsync(IGrainFactory grains, string role = "maker", string? chainId = null)
    {
        var world = new PartnerWorld(grains);
        var owner = (await world.Customer()).GetPrimaryKeyString();
        var maker = await world.Partner("maker");
        var chain = grains.GetGrain<IValueChainGrain>(chainId ?? Keys.Customer("vc"));
        await chain.CreateAsync(new CreateValueChain(owner, "Cargo bike", [new SlotDefinition(role)]));
        await chain.InviteAsync(owner, role, maker);
        await chain.AsReference<IValueChainForPartnersGrain>().OfferAsync(maker, role, PartnerWorld.Offer(1_200, 10));
        await chain.AcceptAsync(owner, role, maker);
        await chain.CommitAsync(owner);
        return (chain, owner, maker);
    }
}
