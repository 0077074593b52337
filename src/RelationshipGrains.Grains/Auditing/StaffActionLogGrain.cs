using System.Text.RegularExpressions;
using Orleans.Journaling;
using RelationshipGrains.Auditing;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Grains.Auditing;

/// <summary>The organisation-wide log of staff changes outside customers' routes; see <see cref="IStaffActionLogGrain"/>.</summary>
public sealed partial class StaffActionLogGrain(IDurableStateManager journal, ForcedCompactions compactions)
    : StaffLog(journal, IStaffActionLogGrain.Size), IStaffActionLogGrain
{
    /// <summary>
    /// Every change counts, each run: the same text again within a minute is often another change (one member's
    /// removal and the next's read alike here, where no customer is named).
    /// </summary>
    protected override bool MergesRepeats => false;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Entries written before 2026-12-05 name the member in a membership change's path, and this log outlives
        // erasures: they are rewritten with the route's placeholder, and the journal compacted so no earlier record
        // keeps the ids. Nothing matches once that write has succeeded.
        if (Log.Any(entry => MemberInPath().IsMatch(entry.What)))
        {
            var entries = Log.Select(entry => entry with { What = MemberInPath().Replace(entry.What, "$1{customerId}") }).ToList();
            Log.Clear();
            foreach (var entry in entries)
            {
                Log.Enqueue(entry);
            }

            compactions.Request(this.GetGrainId());
            await Journal.WriteOrRetireAsync(this);
        }

        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>A member's id in a membership route (<c>.../members/{customerId}</c>, with or without <c>/role</c>).</summary>
    [GeneratedRegex(@"(/api/v1/communities/[^/ ]+/members/)(?!\{customerId\})[^/ )]+")]
    private static partial Regex MemberInPath();
}
