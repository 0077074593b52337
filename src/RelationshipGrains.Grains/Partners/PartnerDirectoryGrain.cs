using Orleans.Concurrency;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Partners;

namespace RelationshipGrains.Grains.Partners;

public sealed class PartnerDirectoryGrain(
    [PersistentState("partner-directory", StorageNames.Relationships)] IPersistentState<PartnerDirectoryState> state)
    : Grain, IPartnerDirectoryGrain
{
    public async Task UpsertAsync(PartnerProfile partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        state.State.Partners[partner.PartnerId] = new DirectoryEntry(partner.Categories, partner.Values);
        await state.WriteOrReloadAsync(this);
    }

    [ReadOnly]
    public Task<IReadOnlyList<IntentMatch>> MatchAsync(string category, IReadOnlyDictionary<string, double> customerValues, int max)
    {
        IReadOnlyList<IntentMatch> matches = [.. state.State.Partners
            .Where(p => p.Value.Categories.Contains(category))
            .Select(p => new IntentMatch(p.Key, ValuesSimilarity.Cosine(customerValues, p.Value.Values)))
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.PartnerId, StringComparer.Ordinal)
            .Take(max)];
        return Task.FromResult(matches);
    }
}
