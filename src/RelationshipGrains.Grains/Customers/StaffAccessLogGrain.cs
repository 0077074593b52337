using Orleans.Journaling;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Auditing;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// A grain of its own beside the customer, so staff reads cost the customer's conversation nothing and a customer no
/// signed-in person ever opened keeps no log at all.
/// </summary>
public sealed class StaffAccessLogGrain(IDurableStateManager journal, ForcedCompactions compactions)
    : StaffLog(journal, IStaffAccessLogGrain.Size), IStaffAccessLogGrain
{
    public async Task EraseAsync()
    {
        if (Log.Count == 0)
        {
            return;
        }

        // Rewritten as an empty snapshot, so the earlier records are gone from storage, not only from the queue.
        Log.Clear();
        compactions.Request(this.GetGrainId());
        await Journal.WriteOrRetireAsync(this);
    }
}
