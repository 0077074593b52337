using RelationshipGrains.Customers;
using RelationshipGrains.Partners;

namespace RelationshipGrains.Grains.Partners;

/// <summary>
/// The registry intents are cast against: every partner's categories and values. One grain (key "all"): partner
/// registrations are rare and a match is a scan of a few thousand entries at most.
/// </summary>
[Alias("rg.IPartnerDirectoryGrain")]
public interface IPartnerDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("Upsert")]
    Task UpsertAsync(PartnerProfile partner);

    /// <summary>Partners serving <paramref name="category"/>, best values match first (ties by id), at most <paramref name="max"/>.</summary>
    [Alias("Match")]
    Task<IReadOnlyList<IntentMatch>> MatchAsync(string category, IReadOnlyDictionary<string, double> customerValues, int max);
}
