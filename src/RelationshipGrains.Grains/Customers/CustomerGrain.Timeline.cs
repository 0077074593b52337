using System.Runtime.CompilerServices;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Naming;

namespace RelationshipGrains.Grains.Customers;

public sealed partial class CustomerGrain
{
    public Task<RecordResult> RecordInteractionAsync(RecordInteraction interaction)
    {
        ReservedEntryIds.RefuseFromCaller(interaction?.InteractionId, "interactionId");
        return RecordAsync(interaction!, alsoKnownAs: null);
    }

    /// <summary>Records an entry; <paramref name="alsoKnownAs"/> is a second id (a message id) recognised as the same entry.</summary>
    private async Task<RecordResult> RecordAsync(RecordInteraction interaction, string? alsoKnownAs)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(interaction);
        var (kind, status) = interaction.Validate();
        var occurredAt = Validation.Check.OccurredAt(interaction.OccurredAt, time.GetUtcNow());
        var key = EntryIdKey.Of(interaction.InteractionId);
        await FinishErasureBeforeChangesAsync();
        if (await TryFindRetryAsync(key) is { } earlier)
        {
            return SameInteraction(earlier, interaction, kind)
                ? new RecordResult(earlier, Created: false)
                : throw new RelationshipConflictException(
                    $"Interaction id '{interaction.InteractionId}' was already used for a different interaction (sequence {earlier.Sequence}).");
        }

        // Before the allowance is counted: a change refused for a full outbox is stored nowhere and must not use it up.
        Outbox.EnsureRoom();
        var now = time.GetUtcNow();
        if (_recentWrites.TryAdd(now, _options.InteractionsPerMinute) is var wait and > 0)
        {
            throw new RelationshipRateLimitedException(
                $"Customer '{CustomerId}' has recorded {_options.InteractionsPerMinute} interactions in the last minute; try again in {wait} s.", wait);
        }

        var entry = Append(new TimelineEntry(
            State.LastSequence + 1, interaction.InteractionId, kind, now, occurredAt, interaction.Author!,
            interaction.Channel, interaction.Direction, interaction.Text, interaction.Topic, interaction.CorrelationId, status), now);
        State.RememberEntryId(key, entry.Sequence);
        if (alsoKnownAs is not null)
        {
            State.RememberEntryId(alsoKnownAs, entry.Sequence);
        }

        Outbox.AddReferring(Recorded(entry), now, entry.Sequence);
        // PersistAppendedAsync's steps and WriteOrRetireAsync's, written out: as calls, each async method added its state
        // machine and a continuation queued on the activation's scheduler to every interaction (230 B; then 370 B with
        // a delegate the call filter made per call).
        PrepareWrite();
        try
        {
            await Outbox.BeforeWriteAsync();
            await journal.WriteStateAsync();
        }
        catch
        {
            JournalExtensions.RetireAfterFailedWrite(this, Outbox);
            throw;
        }

        Outbox.AfterWrite();
        Persisted();
        metrics.InteractionsRecorded.Add(1);
        await ArchiveIfFullAsync();
        return new RecordResult(entry, Created: true);
    }

    public Task<RecordResult> ChangeEntryStatusAsync(ChangeEntryStatus change)
    {
        ReservedEntryIds.RefuseFromCaller(change?.RequestId, "requestId");
        return ChangeStatusAsync(change!);
    }

    /// <param name="change">The change.</param>
    /// <param name="sentAt">
    /// For a back-office update, when it happened as its sender says: such updates may arrive out of order, and one that
    /// happened before the last the subject took from the back office is recorded without moving its status.
    /// </param>
    private async Task<RecordResult> ChangeStatusAsync(ChangeEntryStatus change, DateTimeOffset? sentAt = null)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(change);
        change.Validate();
        await FinishErasureBeforeChangesAsync();
        if (await TryFindRetryAsync(change.RequestId) is { } earlier)
        {
            return earlier.Kind == TimelineEntryKind.StatusChanged && earlier.RelatesTo == change.Sequence && earlier.Status == change.Status
                ? new RecordResult(earlier, Created: false)
                : throw new RelationshipConflictException($"Request id '{change.RequestId}' was already used for a different change.");
        }

        var target = change.Sequence <= State.LastSequence ? await EntryAtAsync(change.Sequence) : null;
        if (target is null)
        {
            throw new RelationshipNotFoundException($"Timeline entry {change.Sequence} does not exist.");
        }

        if (!EntryStatuses.IsTracked(target.Kind))
        {
            throw new RelationshipValidationException("sequence", $"Entry {change.Sequence} is {Kebab.WithArticle(Kebab.Words(target.Kind))}, which has no status.");
        }

        var status = EntryStatuses.Validate(target.Kind, change.Status, "status");
        var now = time.GetUtcNow();
        var moves = sentAt is not { } sent || sent >= LastBackOfficeChangeOf(target);
        if (moves && target.Sequence >= WindowStart && target.Sequence > ArchivingThrough)
        {
            // Its event, if still waiting, says the status it was recorded with.
            Outbox.StoreWhole(sequence => sequence == target.Sequence);
            // Archived entries keep the status they were archived with, those being archived too; the StatusChanged
            // entry tells the rest.
            State.Timeline[(int)(target.Sequence - WindowStart)] = target with { Status = status };
        }

        var entry = Append(seq => new TimelineEntry(
            seq, change.RequestId, TimelineEntryKind.StatusChanged, now, sentAt ?? now, change.Author!,
            target.Channel, Text: change.Note, Topic: target.Topic, CorrelationId: target.CorrelationId, Status: status,
            RelatesTo: target.Sequence), now);
        State.RememberEntryId(change.RequestId, entry.Sequence);
        await PersistAppendedAsync();
        return new RecordResult(entry, Created: true);
    }

    /// <summary>
    /// When the back office last set <paramref name="target"/>'s status, by its own clock: the target itself if the back
    /// office recorded it, or its latest status change from there on the window. Changes made through the API are not
    /// compared, as their times are the silo's. Those already archived are not read: an update arriving later than a
    /// window of entries after a newer one moves the status, as every update did before.
    /// </summary>
    private DateTimeOffset LastBackOfficeChangeOf(TimelineEntry target)
    {
        var last = target.Author == Author.System ? target.OccurredAt : DateTimeOffset.MinValue;
        foreach (var change in StatusChangesOnWindow(target.Sequence))
        {
            if (change.Author == Author.System && change.OccurredAt > last)
            {
                last = change.OccurredAt;
            }
        }

        return last;
    }

    /// <summary>The status changes of the entry at <paramref name="sequence"/> that the window holds, newest first.</summary>
    private IEnumerable<TimelineEntry> StatusChangesOnWindow(long sequence)
    {
        for (var i = State.Timeline.Count - 1; i >= 0 && State.Timeline[i].Sequence > sequence; i--)
        {
            if (State.Timeline[i] is { Kind: TimelineEntryKind.StatusChanged } change && change.RelatesTo == sequence)
            {
                yield return change;
            }
        }
    }

    public Task<TimelinePage> GetTimelineAsync(TimelineQuery query)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(query);
        return ReadTimelineAsync(query, shown: null);
    }

    /// <summary>
    /// A page of the entries <paramref name="shown"/> lets through (all when null), newest first unless read after a
    /// sequence. Entries held back do not count towards the limit, and <see cref="TimelinePage.HasMore"/> says whether
    /// a shown one lies beyond, so a reader paging by the entries it got never stops early nor gets an empty page
    /// that says there is more.
    /// </summary>
    private async Task<TimelinePage> ReadTimelineAsync(TimelineQuery query, Func<TimelineEntry, bool>? shown)
    {
        var limit = query.Validate();
        var last = State.LastSequence;
        var upper = Math.Min(query.Before is { } before ? before - 1 : last, last);
        // Compared before adding one: after = long.MaxValue plus one wrapped to long.MinValue and read the archive from there.
        var (seq, end, step) = query.After is { } after ? (after < upper ? after + 1 : upper + 1, upper, 1) : (upper, 1L, -1);
        var reader = new TimelineReader(this);
        List<TimelineEntry> page = [];
        for (; step > 0 ? seq <= end : seq >= end; seq += step)
        {
            if (page.Count == limit && shown is null)
            {
                return new TimelinePage(page, last, HasMore: true);
            }

            var entry = await reader.AtAsync(seq);
            if (shown is not null && !shown(entry))
            {
                continue;
            }

            if (page.Count == limit)
            {
                return new TimelinePage(page, last, HasMore: true);
            }

            page.Add(entry);
        }

        return new TimelinePage(page, last, HasMore: false);
    }

    public async IAsyncEnumerable<TimelineEntry> WatchTimelineAsync(
        long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = CustomerId;
        if (afterSequence < 0)
        {
            throw new RelationshipValidationException("afterSequence", "afterSequence must be 0 or more.");
        }

        if (afterSequence > _durableThrough)
        {
            // Resuming past the last entry means the timeline started again (an erasure) since the subscriber's last
            // event: waiting there would skip the new entries below it. Shared by the SDK and the HTTP feed.
            throw FeedResumeErrors.TimelineStartedAgain(_durableThrough, afterSequence);
        }

        var next = afterSequence + 1;
        var reader = new TimelineReader(this);
        var erasures = _erasures;
        metrics.LiveSubscribers.Add(1);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var changed = _signal.Next;
                ThrowIfErasedSince(erasures);
                while (next <= _durableThrough)
                {
                    var entry = await reader.AtAsync(next);
                    ThrowIfErasedSince(erasures);
                    yield return entry;
                    next++;
                    ThrowIfErasedSince(erasures);
                }

                await changed.WaitAsync(cancellationToken)
                    .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            metrics.LiveSubscribers.Add(-1);
        }
    }

    /// <summary>The first sequence held in the grain's own state; everything before it is archived.</summary>
    private long WindowStart => State.Timeline.Count > 0 ? State.Timeline[0].Sequence : State.LastSequence + 1;

    private Task<TimelineEntry?> TryFindRetryAsync(string entryId) => TryFindRetryAsync(EntryIdKey.Of(entryId));

    private async Task<TimelineEntry?> TryFindRetryAsync(EntryIdKey key) =>
        State.TryGetSequence(key, out var seq) ? await EntryAtAsync(seq) : null;

    /// <summary>The event an interaction raises, from its entry: when recorded, and again for a reference to it (<see cref="Built"/>).</summary>
    private InteractionRecorded Recorded(TimelineEntry entry) =>
        new(CustomerId, entry.Sequence, entry.EntryId, Kebab.Of(entry.Kind), Kebab.Of(entry.Channel!.Value), Kebab.Of(entry.Direction!.Value),
            entry.Topic, entry.Status, entry.OccurredAt, entry.RecordedAt);

    /// <summary>
    /// A waiting event stored as a reference, with its event built again from the entry on the window. The entry is
    /// there: references are stored whole before their entry is archived, changed or erased. It must also have been
    /// recorded when the event was raised, so that nothing could ever build one from a later entry under the same
    /// sequence (an erasure starts sequences again from 1).
    /// </summary>
    private OutboxMessage Built(OutboxMessage reference) =>
        reference.Entry >= WindowStart && reference.Entry <= State.LastSequence
            && State.Timeline[(int)(reference.Entry - WindowStart)] is { Channel: not null, Direction: not null } entry
            && entry.RecordedAt == reference.CreatedAt
            ? reference.WithEvent(Recorded(entry))
            : reference;

    private static bool SameInteraction(TimelineEntry earlier, RecordInteraction again, TimelineEntryKind kind) =>
        earlier.Kind == kind && earlier.Channel == again.Channel && earlier.Direction == again.Direction
        && earlier.Author == again.Author && earlier.Text == again.Text && earlier.Topic == again.Topic
        && earlier.CorrelationId == again.CorrelationId;

    private ValueTask<TimelineEntry> EntryAtAsync(long sequence) => new TimelineReader(this).AtAsync(sequence);

    private TimelineEntry Append(Func<long, TimelineEntry> create, DateTimeOffset now) => Append(create(State.LastSequence + 1), now);

    /// <summary>Adds <paramref name="entry"/>, made with the next sequence, without a closure: the write path's own overload.</summary>
    private TimelineEntry Append(TimelineEntry entry, DateTimeOffset now)
    {
        State.Timeline.Add(entry);
        State.Seen(now);
        return entry;
    }
}
