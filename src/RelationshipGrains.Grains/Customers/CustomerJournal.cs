using Orleans.Journaling;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// Everything a customer grain persists, as Orleans Journaling durable collections: a change journals only itself
/// (an entry, its id, its events), and one write appends all of a change's records at once. Values are immutable:
/// assign a new one, since a change made inside a stored object is never journaled.
/// </summary>
public sealed class CustomerJournal(IDurableStateManager manager)
{
    private readonly IDurableValue<CustomerProfileRecord> _profile = manager.GetOrAddValue<CustomerProfileRecord>("profile");

    public CustomerProfileRecord Profile
    {
        get => _profile.Value ?? CustomerProfileRecord.Empty;
        set => _profile.Value = value;
    }

    public DateTimeOffset? CreatedAt => Profile.CreatedAt;

    // Both are read from the timeline rather than journaled beside it: the window is never emptied but by an erasure,
    // which starts sequences again from 1. A collection of their own cost every active customer 566 B, most of it in
    // Orleans Journaling's registries of a grain's collections, which it sizes for 17 from the eighth on.

    /// <summary>The latest change: the last entry's, or a change that adds none (values, an erasure) if later.</summary>
    public DateTimeOffset UpdatedAt
    {
        get
        {
            var recorded = Timeline.Count > 0 ? Timeline[^1].RecordedAt : default;
            return Profile.ChangedAt is { } changed && changed > recorded ? changed : recorded;
        }
    }

    public long LastSequence => Timeline.Count > 0 ? Timeline[^1].Sequence : 0;

    /// <summary>The recent window of the timeline in sequence order; older entries are in archive pages.</summary>
    public IDurableList<TimelineEntry> Timeline { get; } = manager.GetOrAddList<TimelineEntry>("timeline");

    /// <summary>
    /// Caller-supplied entry ids (interaction ids, status request ids, message ids) to the sequence they produced, each
    /// by its <see cref="EntryIdKey"/>.
    /// </summary>
    private readonly IEntryIdIndex _entryIds = manager.GetOrAddState<IEntryIdIndex>("entry-ids");

    public bool TryGetSequence(string entryId, out long sequence) => _entryIds.TryGet(EntryIdKey.Of(entryId), out sequence);

    /// <summary>For a caller that remembers the id by <paramref name="key"/> when it is new, so it is hashed once.</summary>
    public bool TryGetSequence(EntryIdKey key, out long sequence) => _entryIds.TryGet(key, out sequence);

    public bool KnowsEntryId(string entryId) => TryGetSequence(entryId, out _);

    public void RememberEntryId(string entryId, long sequence) => RememberEntryId(EntryIdKey.Of(entryId), sequence);

    public void RememberEntryId(EntryIdKey key, long sequence) => _entryIds.Remember(key, sequence);

    /// <summary>
    /// Forgets the ids of sequences up to <paramref name="oldest"/>, but for the latest <paramref name="subjectsKept"/>
    /// cases and campaigns: a back-office update finds its case by the case's id, however many entries came since, and
    /// one that found none recorded the update as a second case and left the first at its old status.
    /// </summary>
    public void ForgetEntryIdsThrough(long oldest, int subjectsKept) => _entryIds.ForgetThrough(oldest, subjectsKept);

    public IDurableDictionary<string, Intent> Intents { get; } = manager.GetOrAddDictionary<string, Intent>("intents");
    public IDurableDictionary<string, ConsentGrant> Consents { get; } = manager.GetOrAddDictionary<string, ConsentGrant>("consents");

    public IReadOnlyList<string> ValueChains => Profile.ValueChains;
    public IReadOnlyList<string> Communities => Profile.Communities;
    public IReadOnlyList<string> CommunitiesToErase => Profile.CommunitiesToErase;

    /// <summary>Integration events journaled with the changes that caused them, until the broker accepts them.</summary>
    public IDurableList<OutboxMessage> Outbox { get; } = manager.GetOrAddList<OutboxMessage>("outbox");

    /// <summary>Marks the customer as seen, for a change that appended a timeline entry.</summary>
    public void Seen(DateTimeOffset now)
    {
        if (Profile.CreatedAt is null)
        {
            Profile = Profile with { CreatedAt = now };
        }
    }

    /// <summary>For a change that appends no timeline entry.</summary>
    public void Changed(DateTimeOffset now) => Profile = Profile with { CreatedAt = Profile.CreatedAt ?? now, ChangedAt = now };

    /// <summary>Takes grants out of the consents, remembering their partners for an erasure.</summary>
    public void EndConsents(IReadOnlyCollection<string> partnerIds)
    {
        if (partnerIds.Count == 0)
        {
            return;
        }

        foreach (var partnerId in partnerIds)
        {
            Consents.Remove(partnerId);
        }

        Profile = Profile with { FormerlyConsented = [.. Profile.FormerlyConsented.Union(partnerIds, StringComparer.Ordinal)] };
    }

    public void AddValueChain(string valueChainId)
    {
        if (!Profile.ValueChains.Contains(valueChainId))
        {
            Profile = Profile with { ValueChains = [.. Profile.ValueChains, valueChainId] };
        }
    }

    public void AddCommunity(string slug)
    {
        if (!Profile.Communities.Contains(slug))
        {
            Profile = Profile with { Communities = [.. Profile.Communities, slug] };
        }
    }

    public void CommunityErased(string slug) =>
        Profile = Profile with { CommunitiesToErase = [.. Profile.CommunitiesToErase.Where(c => c != slug)] };

    /// <summary>
    /// Forgets all personal data, keeping what an erasure must: the receipt (which names the value chains kept for
    /// their partners), pending events and cleaning still to do.
    /// </summary>
    public void KeepOnlyAfterErasure(ErasureReceipt receipt, long archivePagesToErase, IEnumerable<string> communitiesToErase)
    {
        Timeline.Clear();
        _entryIds.Clear();
        Intents.Clear();
        Consents.Clear();
        Profile = new CustomerProfileRecord
        {
            Erasure = receipt,
            ErasureUnfinished = true,
            ArchivePagesToErase = archivePagesToErase,
            CommunitiesToErase = [.. communitiesToErase],

            // Sequences start again from 1 (the window is empty), as for a customer never seen; the receipt tells
            // what was there.
            ChangedAt = receipt.ErasedAt,
        };
    }
}
