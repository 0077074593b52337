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
    private readonly IDurableValue<CustomerClock> _clock = manager.GetOrAddValue<CustomerClock>("clock");

    public CustomerProfileRecord Profile
    {
        get => _profile.Value ?? CustomerProfileRecord.Empty;
        set => _profile.Value = value;
    }

    public DateTimeOffset? CreatedAt => Profile.CreatedAt;
    public DateTimeOffset UpdatedAt => _clock.Value.UpdatedAt;
    public long LastSequence => _clock.Value.LastSequence;

    /// <summary>The recent window of the timeline in sequence order; older entries are in archive pages.</summary>
    public IDurableList<TimelineEntry> Timeline { get; } = manager.GetOrAddList<TimelineEntry>("timeline");

    /// <summary>Caller-supplied entry ids (interaction ids, status request ids) to the sequence they produced.</summary>
    public IDurableDictionary<string, long> EntryIds { get; } = manager.GetOrAddDictionary<string, long>("entry-ids");
    public IDurableDictionary<string, Intent> Intents { get; } = manager.GetOrAddDictionary<string, Intent>("intents");
    public IDurableDictionary<string, ConsentGrant> Consents { get; } = manager.GetOrAddDictionary<string, ConsentGrant>("consents");

    public IReadOnlyList<string> ValueChains => Profile.ValueChains;
    public IReadOnlyList<string> Communities => Profile.Communities;
    public IReadOnlyList<string> CommunitiesToErase => Profile.CommunitiesToErase;

    /// <summary>Partners' reads of this customer's data, oldest first, the latest <see cref="CustomerGrain.AccessLogSize"/> kept.</summary>
    public IDurableQueue<PartnerAccess> AccessLog { get; } = manager.GetOrAddQueue<PartnerAccess>("access-log");

    /// <summary>Integration events journaled with the changes that caused them, until the broker accepts them.</summary>
    public IDurableList<OutboxMessage> Outbox { get; } = manager.GetOrAddList<OutboxMessage>("outbox");

    public void Advance(long lastSequence, DateTimeOffset now)
    {
        _clock.Value = new CustomerClock(lastSequence, now);
        if (Profile.CreatedAt is null)
        {
            Profile = Profile with { CreatedAt = now };
        }
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

    /// <summary>Forgets all personal data, keeping what an erasure must: the receipt, value chains, pending events and cleaning still to do.</summary>
    public void KeepOnlyAfterErasure(ErasureReceipt receipt, long archivePagesToErase, IEnumerable<string> communitiesToErase)
    {
        Timeline.Clear();
        EntryIds.Clear();
        Intents.Clear();
        Consents.Clear();
        AccessLog.Clear();
        Profile = new CustomerProfileRecord
        {
            Erasure = receipt,
            ArchivePagesToErase = archivePagesToErase,
            ValueChains = Profile.ValueChains,
            CommunitiesToErase = [.. communitiesToErase],
        };
        // Sequences start again from 1, as for a customer never seen; the receipt tells what was there.
        _clock.Value = new CustomerClock(0, receipt.ErasedAt);
    }
}
