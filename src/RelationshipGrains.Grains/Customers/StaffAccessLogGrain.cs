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
    public Task EraseAsync() => Journal.EraseAsync(this, Log, compactions);
}
