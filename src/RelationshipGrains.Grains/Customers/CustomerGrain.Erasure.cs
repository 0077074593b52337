using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Grains.Customers;

public sealed partial class CustomerGrain
{
    public async Task<ErasureReceipt> EraseAsync()
    {
        _ = CustomerId;
        if (State.Erasure is { } earlier && State.CreatedAt is null)
        {
            await EraseArchivePagesAsync();
            return earlier;
        }

        Outbox.EnsureRoom();
        var now = time.GetUtcNow();
        var partners = State.Consents.Keys
            .Concat(State.Intents.Values.SelectMany(i => i.Matches ?? []).Select(m => m.PartnerId))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var receipt = new ErasureReceipt(CustomerId, now, partners, [.. State.ValueChains]);
        var pages = State.ArchivePageSize == 0 ? 0 : (WindowStart - 1) / State.ArchivePageSize;

        // A fresh state keeps only what is not personal: the receipt, the value chains counterparties rely on, the
        // events still to publish (now with CustomerErased), and the archive pages left to delete.
        var kept = new CustomerState
        {
            Erasure = receipt,
            ValueChains = State.ValueChains,
            Outbox = State.Outbox,
            ArchivePagesToErase = Math.Max(pages, State.ArchivePagesToErase),
        };
        kept.Outbox.Add(OutboxMessage.Create(new CustomerErased(CustomerId, partners, now), now));
        state.State = kept;
        await PersistAsync();
        await EraseArchivePagesAsync();
        return receipt;
    }

    /// <summary>Deletes the archive pages an erasure left, newest first, recording progress so a retry resumes.</summary>
    private async Task EraseArchivePagesAsync()
    {
        while (State.ArchivePagesToErase > 0)
        {
            await ArchivePage(State.ArchivePagesToErase - 1).EraseAsync();
            State.ArchivePagesToErase--;
            if (State.ArchivePagesToErase == 0)
            {
                await PersistAsync();
            }
        }
    }
}
