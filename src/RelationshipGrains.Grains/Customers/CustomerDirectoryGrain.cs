using Orleans.Journaling;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Customers;

/// <summary>One shard of the customer directory: its cards journaled one by one, so a profile change writes one card.</summary>
public sealed class CustomerDirectoryGrain(IDurableStateManager journal, ForcedCompactions compactions) : Grain, ICustomerDirectoryGrain
{
    private readonly IDurableDictionary<string, CustomerCard> _cards = journal.GetOrAddDictionary<string, CustomerCard>("cards");

    public async Task UpsertAsync(CustomerCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        Check.Id(card.CustomerId, "customerId");
        if (_cards.TryGetValue(card.CustomerId, out var known) && known.UpdatedAt > card.UpdatedAt)
        {
            // A late retry of an older profile must not undo a newer one.
            return;
        }

        _cards[card.CustomerId] = card;
        await journal.WriteOrRetireAsync(this);
    }

    public async Task RemoveAsync(string customerId)
    {
        if (_cards.Remove(customerId))
        {
            // Removal is for erasure: the shard's next write is a snapshot, so the card is gone from storage too.
            compactions.Request(this.GetGrainId());
            await journal.WriteOrRetireAsync(this);
        }
    }

    public Task<IReadOnlyList<CustomerCard>> SearchAsync(string query, int limit) =>
        Task.FromResult(CustomerDirectory.Rank(_cards.Values, CustomerDirectory.CheckQuery(query, limit), limit));
}
