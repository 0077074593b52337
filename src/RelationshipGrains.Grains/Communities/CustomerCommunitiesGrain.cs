using Orleans.Journaling;
using RelationshipGrains.Communities;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Communities;

/// <summary>
/// A grain of its own beside the customer: communities call it while the customer's grain may be calling them (an
/// erasure), which the customer's grain, not reentrant, could not answer.
/// </summary>
public sealed class CustomerCommunitiesGrain(IDurableStateManager journal, ForcedCompactions compactions) : Grain, ICustomerCommunitiesGrain
{
    private readonly IDurableList<string> _communities = journal.GetOrAddList<string>("communities");

    public async Task AddAsync(string slug)
    {
        Check.Id(slug, "slug");
        if (!_communities.Contains(slug))
        {
            _communities.Add(slug);
            await journal.WriteOrRetireAsync(this);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. _communities]);

    public async Task ForgetAsync(IReadOnlyList<string> slugs)
    {
        ArgumentNullException.ThrowIfNull(slugs);
        var changed = false;
        foreach (var slug in slugs)
        {
            changed |= _communities.Remove(slug);
        }

        if (changed)
        {
            // Rewritten as a snapshot: which communities held the customer is personal data too.
            compactions.Request(this.GetGrainId());
            await journal.WriteOrRetireAsync(this);
        }
    }
}
