namespace RelationshipGrains.Partners;

/// <summary>A partner (vendor, maker, financier, logistics...). Key: the partner id.</summary>
[Alias("rg.IPartnerGrain")]
public interface IPartnerGrain : IGrainWithStringKey
{
    /// <summary>The registration, or null when the partner was never registered.</summary>
    [Alias("Get")]
    [ChannelSurface]
    Task<PartnerProfile?> GetAsync();
}
