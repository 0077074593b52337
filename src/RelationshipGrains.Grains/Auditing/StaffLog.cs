using Orleans.Journaling;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Storage;

namespace RelationshipGrains.Grains.Auditing;

/// <summary>
/// A bounded log of what signed-in staff did, newest last, on one journaled queue: a record appends one entry, so a
/// full log costs a write no more than an empty one.
/// </summary>
public abstract class StaffLog(IDurableStateManager journal, int size) : Grain
{
    /// <summary>The same person doing the same thing again within this time is one entry: a page's reloads are one look.</summary>
    public static readonly TimeSpan SameLook = TimeSpan.FromMinutes(1);

    protected IDurableStateManager Journal { get; } = journal;

    protected IDurableQueue<StaffAccess> Log { get; } = journal.GetOrAddQueue<StaffAccess>("staff-access");

    /// <summary>Whether the same person doing the same thing again within <see cref="SameLook"/> is one entry.</summary>
    protected virtual bool MergesRepeats => true;

    public async Task RecordAsync(StaffAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (MergesRepeats && Log.LastOrDefault() is { } last && last.Subject == access.Subject && last.What == access.What && access.At - last.At < SameLook)
        {
            return;
        }

        await Journal.AppendBoundedAsync(this, Log, access, size);
    }

    public Task<IReadOnlyList<StaffAccess>> ListAsync() => Task.FromResult<IReadOnlyList<StaffAccess>>([.. Log.Reverse()]);
}
