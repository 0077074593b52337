using Orleans.Journaling;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// A grain of its own beside the customer, as the staff's log is: a partner's read appends here, so reads cost the
/// customer's journal no write and its snapshot none of up to 1,000 records, and a customer no partner ever read keeps
/// no log at all.
/// </summary>
public sealed class PartnerAccessLogGrain(IDurableStateManager journal, ForcedCompactions compactions) : Grain, IPartnerAccessLogGrain
{
    private readonly IDurableQueue<PartnerAccess> _log = journal.GetOrAddQueue<PartnerAccess>("partner-access");

    public Task RecordAsync(PartnerAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return journal.AppendBoundedAsync(this, _log, access, IPartnerAccessLogGrain.Size);
    }

    public Task<IReadOnlyList<PartnerAccess>> ListAsync() => Task.FromResult<IReadOnlyList<PartnerAccess>>([.. _log.Reverse()]);

    public Task EraseAsync() => journal.EraseAsync(this, _log, compactions);
}
