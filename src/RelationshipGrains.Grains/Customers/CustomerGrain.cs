using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Diagnostics;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Grains.RateLimits;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// One customer's relationship. Every change validates first, then changes state, writes it once, then wakes
/// live subscribers. Split over partial files by concern: profile here, timeline, intents and consents beside it.
/// </summary>
public sealed partial class CustomerGrain(
    IDurableStateManager journal,
    ForcedCompactions compactions,
    TimeProvider time,
    IOptions<TimelineOptions> timelineOptions,
    Pseudonyms pseudonyms,
    Outboxes outboxes,
    GrainMetrics metrics,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain, ICustomerStewardshipGrain, ICustomerForPartnersGrain, ICustomerNoticesGrain, IRemindable, IGrainMigrationParticipant
{
    private TimelineSignal _signal;
    private GrainOutbox? _outbox;
    private RecentWrites _recentWrites;
    private readonly TimelineOptions _options = timelineOptions.Value;
    private string? _customerId;

    /// <summary>The last sequence known to be written; live feeds never run ahead of it.</summary>
    private long _durableThrough;

    /// <summary>
    /// Erasures this activation made. An open feed or export reads by sequence, and an erasure empties the timeline
    /// and starts sequences again from 1 while they wait (their calls interleave): they stop, with an error that says
    /// so, instead of reading past the emptied window or skipping the returned customer's first entries.
    /// </summary>
    private int _erasures;

    private void ThrowIfErasedSince(int erasures)
    {
        if (erasures != _erasures)
        {
            throw new RelationshipConflictException($"Customer '{CustomerId}' was erased while this timeline was being read; it starts again from sequence 1.");
        }
    }

    private CustomerJournal State { get; } = new(journal);

    private string CustomerId => _customerId ??= Check.Id(this.GetPrimaryKeyString(), "customerId");

    private GrainOutbox Outbox => _outbox ??= outboxes.For(
        this, static grain => ((CustomerGrain)grain).State.Outbox, static (grain, message) => ((CustomerGrain)grain).Built(message));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The journal was replayed before this runs: a new activation, moved or not, always starts from storage.
        _durableThrough = State.LastSequence;
        Outbox.OnActivate();
        await EraseArchivePagesAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A page stored by this activation must not land after a later one erased it.
        await FinishArchivingAsync();
        await Outbox.OnDeactivateAsync(reason, () =>
        {
            TrimArchivedEntries();
            return journal.WriteOrRetireAsync(this);
        });
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName switch
    {
        GrainOutbox.ReminderName => Outbox.OnReminderAsync(PersistAsync),
        ErasureReminder => FinishErasureAsync(),
        _ => Task.CompletedTask,
    };

    public void OnDehydrate(IDehydrationContext dehydrationContext) => Outbox.Dehydrate(dehydrationContext);

    public void OnRehydrate(IRehydrationContext rehydrationContext) => Outbox.Rehydrate(rehydrationContext);

    public Task<CustomerProfile?> GetProfileAsync()
    {
        _ = CustomerId;
        return Task.FromResult(State.CreatedAt is null ? null : ToProfile());
    }

    public async Task<CustomerProfile> UpdateProfileAsync(UpdateProfile update)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(update);
        update.Validate();
        await FinishErasureBeforeChangesAsync();
        var now = time.GetUtcNow();
        State.Profile = State.Profile with
        {
            DisplayName = update.DisplayName,
            // Arrays, and the shared empty one for none: a list spread into an IReadOnlyList held a wrapper and a
            // List beside its items, in every active customer and every directory card.
            ContactPoints = update.ContactPoints is { Count: > 0 } points ? points.ToArray() : [],
            Language = update.Language,
            Tags = update.Tags is { Count: > 0 } tags ? tags.Distinct().ToArray() : [],
        };
        Append(seq => new TimelineEntry(seq, $"profile:{seq}", TimelineEntryKind.ProfileUpdated, now, now, Author.Customer), now);
        await PersistAppendedAsync();

        // After the write, so the directory never lists what was not stored; a failure here fails the call, and the
        // caller's retry (a PUT) writes the card again.
        await DirectoryShard().UpsertAsync(new CustomerCard(
            CustomerId, State.Profile.DisplayName, State.Profile.ContactPoints.Select(c => c.Address).ToArray(), State.Profile.Tags, now));
        return ToProfile();
    }

    public Task<ValuesProfile> GetValuesAsync()
    {
        _ = CustomerId;
        return Task.FromResult(new ValuesProfile(new SortedDictionary<string, double>(State.Profile.Values.ToDictionary())));
    }

    public async Task<ValuesProfile> SetValuesAsync(ValuesProfile values)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(values);
        values.Validate();
        await FinishErasureBeforeChangesAsync();
        var now = time.GetUtcNow();
        State.Profile = State.Profile with { Values = new Dictionary<string, double>(values.Weights!) };
        State.Changed(now);
        await PersistAsync();
        return await GetValuesAsync();
    }

    private CustomerProfile ToProfile()
    {
        var profile = State.Profile;
        return new(CustomerId, profile.DisplayName, profile.ContactPoints, profile.Language, profile.Tags,
            profile.CreatedAt ?? State.UpdatedAt, State.UpdatedAt);
    }

    /// <summary>Appends the change's journal records in one write, then wakes live subscribers.</summary>
    private Task PersistAsync()
    {
        PrepareWrite();
        return journal.WriteOrRetireAsync(this, Outbox, static grain => ((CustomerGrain)grain).Persisted());
    }

    /// <summary>What every write of the customer carries besides its change: the trim of archived entries, the page size.</summary>
    private void PrepareWrite()
    {
        TrimArchivedEntries();
        KeepArchivePageSize();
    }

    /// <summary>
    /// Persists a change that appended timeline entries, then moves full pages out of the window. Every such change
    /// goes through here (an interaction writes the two steps out): a customer changed only by profile updates,
    /// consents, intents or offers once grew its window, and every snapshot of it, without bound until its next
    /// interaction.
    /// </summary>
    private async Task PersistAppendedAsync()
    {
        await PersistAsync();
        await ArchiveIfFullAsync();
    }

    private void Persisted()
    {
        _durableThrough = State.LastSequence;
        _signal.Notify();
    }

    private ICustomerDirectoryGrain DirectoryShard() => GrainFactory.GetGrain<ICustomerDirectoryGrain>(CustomerDirectory.ShardOf(CustomerId));
}
