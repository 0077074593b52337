using RelationshipGrains.Errors;

namespace RelationshipGrains.Grains.Integration;

/// <summary>
/// The outbox kept inside one grain's state. Events join the state change that causes them and are written with it;
/// after the write they are published by a turn queued on the activation's scheduler that interleaves with the grain's
/// calls, so a request answers once its change is durable and a slow or absent broker holds up nothing; if the broker
/// does not accept them, a timer retries with backoff. A published event is dropped from memory at once (on the
/// in-process bus, once its consumers have handled it) and from storage with the grain's next write (or its
/// deactivation), so relaying costs no extra write. While events flow a
/// reminder stays registered: if the activation dies first, the reminder wakes the grain on another silo to publish
/// them. It is registered once per busy spell, not once per event: it goes only after a whole reminder period without a
/// write. Re-publishing after a crash reuses the message id, so consumers see a duplicate, never a loss. An activation
/// that moves to another silo writes nothing on its way out: it tells the new activation what it published instead.
/// </summary>
/// <param name="grain">The grain whose events these are.</param>
/// <param name="pendingOf">The grain's stored list of events.</param>
/// <param name="shared">What the silo's outboxes share.</param>
/// <param name="build">
/// For a grain that stores events as references (<see cref="OutboxMessage.Referring"/>): the message with its event
/// built again from what it refers to, or the message as it was if that is gone.
/// </param>
public sealed partial class GrainOutbox(Grain grain, Func<Grain, IList<OutboxMessage>> pendingOf, Outboxes shared,
    Func<Grain, OutboxMessage, OutboxMessage>? build = null)
{
    public const string ReminderName = "outbox-relay";

    private const string PublishedThroughKey = "rg.outbox.published-through";
    private const string ReminderHeldKey = "rg.outbox.reminder-held";

    private readonly OutboxOptions _options = shared.Options;

    private IList<OutboxMessage> Pending => pendingOf(grain);
    private IGrainTimer? _timer;
    private bool _retryScheduled;
    private bool _reminderHeld;

    /// <summary>The registration this activation made; unregistering with it saves the table read a lookup costs.</summary>
    private IGrainReminder? _reminder;

    /// <summary>A write succeeded since the reminder last ticked (or was registered): the grain is still busy.</summary>
    private bool _wroteSinceTick;
    private bool _relaying;
    private bool _relayAgain;
    private bool _retired;

    /// <summary>
    /// How many events at the head of the outbox are stored. Calls interleave with the relay timer, so a call's new
    /// events sit at the tail, unstored, while its write is in flight; only the stored head is ever published.
    /// </summary>
    private int _stored;

    /// <summary>
    /// Published events at the head of the outbox that wait for the in-process bus's consumers before they go
    /// (<see cref="IIntegrationEventPublisher.HandledAsync"/>), oldest first; this activation does not publish them again.
    /// Null while there are none, which is always with a broker.
    /// </summary>
    private Queue<(OutboxMessage Message, Task<Exception?> Handled)>? _handling;

    /// <summary>Set once the activation is gone, so a consumer finishing late queues nothing on it.</summary>
    private volatile bool _gone;
    private int _failures;

    /// <summary>
    /// How many times in a row a consumer on the in-process bus gave up on the event at the head: failures stop the
    /// relay there, and the head changes only once it goes, which starts the count again. For the backoff and the bound.
    /// </summary>
    private int _consumerFailures;

    /// <summary>
    /// A consumer gave up on the event at the head: a relay in flight stops, and the next (after the delay) publishes
    /// from the head again, since what it would have waited for is no longer the head of the outbox.
    /// </summary>
    private bool _fromHeadAgain;

    /// <summary>The activation is deactivating: no timer is started for a later retry, which the next activation makes.</summary>
    private bool _leaving;

    private int _reportedPending;

    /// <summary>
    /// The last event dropped since the last write, once published (or found unpublishable). Events leave from the
    /// head in order, so storage still holds this one and every one before it until the next write. Before activation
    /// it is what the activation this one replaces had published but not written, when it moved here.
    /// </summary>
    private Guid? _removedThrough;

    /// <summary>
    /// Events dropped so far, and that count when the last write began. Orleans Journaling takes a write's records in
    /// a later turn of its own, so a drop made while a write is in flight may or may not be in it: such a write does
    /// not count the drop as stored, and the next write (at the latest the deactivation's) stores it. Counted as
    /// stored, it was lost with the activation, and the next one published the event again, after newer ones.
    /// </summary>
    private long _drops;
    private long _dropsAtWriteStart;

    /// <summary>Published events were dropped since the last write; the grain persists that on its next write.</summary>
    public bool RemovedSinceWrite => _removedThrough is not null;

    /// <summary>
    /// Rewrites the events waiting (an erasure's), under their ids; true if any changed. A relay in flight had copied
    /// them, so it stops after the publish under way, which cannot be called back, and the next publishes the rewritten.
    /// </summary>
    public bool Rewrite(Func<OutboxMessage, OutboxMessage> rewrite)
    {
        var changed = false;
        for (var i = 0; i < Pending.Count; i++)
        {
            var waiting = Built(Pending[i]);
            if (rewrite(waiting) is var rewritten && !ReferenceEquals(rewritten, waiting))
            {
                Pending[i] = rewritten;
                changed = true;
            }
        }

        if (changed && _relaying)
        {
            _fromHeadAgain = true;
        }

        return changed;
    }

    /// <summary>Refuses a change that would add <paramref name="count"/> events to a full outbox; call before changing state.</summary>
    public void EnsureRoom(int count = 1)
    {
        if (Pending.Count + count > _options.MaxPendingPerGrain)
        {
            throw new RelationshipUnavailableException(
                $"{Pending.Count} integration events are waiting for the message broker; changes resume once it is reachable again.",
                (int)Math.Ceiling(_options.MaxRetryDelay.TotalSeconds));
        }
    }

    /// <summary>
    /// Adds an event, to be stored with the change that raised it. The embedded silo's consumers get this very object,
    /// all at once: an event must hold copies, never the grain's own lists or other state it changes later.
    /// </summary>
    public void Add<T>(T integrationEvent, DateTimeOffset now) where T : class
    {
        Pending.Add(OutboxMessage.Create(integrationEvent, now));
        ReportPending();
    }

    /// <summary>
    /// Adds an event stored as a reference to the timeline entry at <paramref name="entry"/>, which the grain's build
    /// function makes it from again; the grain calls <see cref="StoreWhole"/> before that entry leaves or changes.
    /// </summary>
    public void AddReferring<T>(T integrationEvent, DateTimeOffset now, long entry) where T : class
    {
        Pending.Add(OutboxMessage.Referring(integrationEvent, now, entry));
        ReportPending();
    }

    /// <summary>
    /// Stores whole, as JSON, the waiting events that refer to an entry <paramref name="leaving"/> picks, while the
    /// grain still holds it: the entry is about to change, be archived or erased. The events stay what they were, so a
    /// relay in flight carries on.
    /// </summary>
    public void StoreWhole(Func<long, bool> leaving)
    {
        var pending = Pending;
        for (var i = 0; i < pending.Count; i++)
        {
            // One the grain cannot build is left as it is, for the relay to log and drop as unpublishable: thrown here, it
            // would fail the archiving or erasure that asked.
            if (pending[i] is { IsReference: true } reference && leaving(reference.Entry) && Built(reference) is { Event: not null } built)
            {
                pending[i] = built.Whole();
            }
        }
    }

    /// <summary>The message with its event, built again if it is a reference that lost it with an earlier activation.</summary>
    private OutboxMessage Built(OutboxMessage message) =>
        message is { IsReference: true, Event: null } && build is not null ? build(grain, message) : message;

    /// <summary>
    /// Moves the silo's pending-events gauge by what changed since the last report; counting the list itself keeps
    /// the gauge right when a failed write reloads the state under the outbox.
    /// </summary>
    private void ReportPending(bool leaving = false)
    {
        var now = leaving ? 0 : Pending.Count;
        shared.Metrics.OutboxPending.Add(now - _reportedPending);
        _reportedPending = now;
    }

    /// <summary>
    /// Makes sure the wake-up reminder exists before events are written, so no written event depends on this
    /// activation surviving. Registered once while events flow, and kept until a reminder period passes without a
    /// write: dropping it whenever the outbox emptied cost a table read, a delete and a new registration per busy
    /// customer per period, which in the three-silo kill test competed with the appends for Azurite.
    /// </summary>
    public async Task BeforeWriteAsync()
    {
        _dropsAtWriteStart = _drops;
        if (_options.WakeUpReminder && Pending.Count > 0 && !_reminderHeld)
        {
            _reminder = await grain.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
            _reminderHeld = true;
        }
    }

    /// <summary>The write failed but the state was read back from storage: the outbox again holds only stored events.</summary>
    public void WriteUndone()
    {
        // Storage's list replaced the one the queue described; what it holds is published again, under the same ids.
        _handling = null;
        _dropsAtWriteStart = _drops;
        AfterWrite();
    }

    /// <summary>
    /// The activation's state holds changes storage does not (a write, or the reminder before it, failed) and it is
    /// deactivating: nothing more is published or written from it; a fresh activation relays what storage holds.
    /// </summary>
    public void Retire()
    {
        _retired = true;
        _gone = true;
        _timer?.Dispose();
    }

    /// <summary>Call after every successful state write: relays in a turn of its own, at once or after a delay while the broker is away.</summary>
    public void AfterWrite()
    {
        _stored = Pending.Count;
        if (_drops == _dropsAtWriteStart)
        {
            _removedThrough = null;
        }

        _wroteSinceTick = true;
        if (Pending.Count == 0 || _retryScheduled)
        {
            return;
        }

        if (_failures > 0 || _consumerFailures > 0 || !shared.BrokerReachable)
        {
            Schedule(RetryDelay(Math.Max(Math.Max(_failures, _consumerFailures), 1)));
            return;
        }

        // Due now: queued on the activation's own scheduler, where it interleaves with calls as the timer does. A
        // timer per write (created, its tick sent through the activation's message loop, disposed) was 8-9% of an
        // in-silo RecordInteraction's CPU in a sampled profile of the grain-path benchmark. An activating grain keeps
        // the timer (OnActivate): its tick waits for the activation to finish, a queued turn would not.
        _retryScheduled = true;
        grain.GrainContext.Scheduler.QueueAction(static outbox => _ = ((GrainOutbox)outbox).RelayQueuedAsync(), this);
    }
}
