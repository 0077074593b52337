using Orleans.Journaling;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// A grain of its own beside the customer, so staff reads cost the customer's conversation nothing and a customer no
/// signed-in person ever opened keeps no log at all. One journaled queue: a record appends one entry.
/// </summary>
public sealed class StaffAccessLogGrain(IDurableStateManager journal, ForcedCompactions compactions) : Grain, IStaffAccessLogGrain
{
    private readonly IDurableQueue<StaffAccess> _log = journal.GetOrAddQueue<StaffAccess>("staff-access");

    /// <summary>The same person doing the same thing again within this time is one entry: a page's reloads are one look.</summary>
    public static readonly TimeSpan SameLook = TimeSpan.FromMinutes(1);

    public async Task RecordAsync(StaffAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (_log.LastOrDefault() is { } last && last.Subject == access.Subject && last.What == access.What && access.At - last.At < SameLook)
        {
            return;
        }

        _log.Enqueue(access);
        while (_log.Count > IStaffAccessLogGrain.Size)
        {
            _log.Dequeue();
        }

        await journal.WriteOrRetireAsync(this);
    }

    public Task<IReadOnlyList<StaffAccess>> ListAsync() => Task.FromResult<IReadOnlyList<StaffAccess>>([.. _log.Reverse()]);

    public async Task EraseAsync()
    {
        if (_log.Count == 0)
        {
            return;
        }

        // Rewritten as an empty snapshot, so the earlier records are gone from storage, not only from the queue.
        _log.Clear();
        compactions.Request(this.GetGrainId());
        await journal.WriteOrRetireAsync(this);
    }
}
