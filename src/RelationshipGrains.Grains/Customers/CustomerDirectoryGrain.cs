using Orleans.Placement;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Customers;

// Never moved with its in-memory state, like the other directory grains: few of them, little to gain.
[Immovable]
public sealed class CustomerDirectoryGrain(
    [PersistentState("customer-directory", StorageNames.Relationships)] IPersistentState<CustomerDirectoryState> state)
    : Grain, ICustomerDirectoryGrain
{
    public async Task UpsertAsync(CustomerCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        Check.Id(card.CustomerId, "customerId");
        if (state.State.Cards.TryGetValue(card.CustomerId, out var known) && known.UpdatedAt > card.UpdatedAt)
        {
            // A late retry of an older profile must not undo a newer one.
            return;
        }

        state.State.Cards[card.CustomerId] = card;
        await state.WriteOrReloadAsync(this);
    }

    public async Task RemoveAsync(string customerId)
    {
        if (state.State.Cards.Remove(customerId))
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    public Task<IReadOnlyList<CustomerCard>> SearchAsync(string query, int limit) =>
        Task.FromResult(CustomerDirectory.Rank(state.State.Cards.Values, CustomerDirectory.CheckQuery(query, limit), limit));
}
