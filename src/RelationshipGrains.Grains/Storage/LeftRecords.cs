using Orleans.Journaling;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Grains.Storage;

/// <summary>
/// Whether items left a journaled collection since it was last rewritten on purpose: the records that added them,
/// bodies and all, are still in the journal until a rewrite, so an erasure rewrites it even when nothing it holds now
/// concerns the customer.
/// </summary>
public sealed class LeftRecords(IDurableStateManager journal, ForcedCompactions compactions)
{
    private readonly IDurableValue<bool> _left = journal.GetOrAddValue<bool>("left-since-rewrite");

    /// <summary>An item left the collection; stored with the grain's next write.</summary>
    public void Left()
    {
        if (!_left.Value)
        {
            _left.Value = true;
        }
    }

    /// <summary>
    /// Rewrites the journal if anything left since the last rewrite. <paramref name="removedNow"/>: the caller has
    /// just removed items; the mark is stored with them first, so a rewrite that fails leaves it for the next try,
    /// which would find nothing left to remove. True if it rewrote.
    /// </summary>
    public async Task<bool> RewriteIfLeftAsync(IGrainBase grain, bool removedNow = false)
    {
        if (removedNow && !_left.Value)
        {
            _left.Value = true;
            await journal.WriteOrRetireAsync(grain);
        }

        if (!_left.Value)
        {
            return false;
        }

        _left.Value = false;
        compactions.Request(grain.GrainContext.GrainId);
        await journal.WriteOrRetireAsync(grain);
        return true;
    }
}
