using Orleans.Journaling;
using RelationshipGrains.Auditing;

namespace RelationshipGrains.Grains.Auditing;

/// <summary>The organisation-wide log of staff changes outside customers' routes; see <see cref="IStaffActionLogGrain"/>.</summary>
public sealed class StaffActionLogGrain(IDurableStateManager journal) : StaffLog(journal, IStaffActionLogGrain.Size), IStaffActionLogGrain
{
    /// <summary>
    /// Every change counts, each run: the same text again within a minute is often another change (one member's
    /// removal and the next's read alike here, where no customer is named).
    /// </summary>
    protected override bool MergesRepeats => false;
}
