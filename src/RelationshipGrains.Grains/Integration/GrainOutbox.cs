using Microsoft.Extensions.Logging;
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
public sealed partial class GrainOutbox(Grain grain, Func<Grain, IList<OutboxMessage>> pendingOf, Outboxes shared)
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
            if (rewrite(Pending[i]) is var rewritten && !ReferenceEquals(rewritten, Pending[i]))
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

    /// <summary>A fresh activation relays whatever an earlier one left behind.</summary>
    public void OnActivate()
    {
        if (_removedThrough is { } through)
        {
            DropThrough(through);
        }

        _stored = Pending.Count;
        ReportPending();
        if (Pending.Count > 0)
        {
            _reminderHeld = true;
            Schedule(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// The reminder fired: relay in a turn of its own unless one is due, and drop the reminder once nothing is pending
    /// and a whole period passed without a write, persisting with <paramref name="write"/> first the drops storage does
    /// not have yet. Dropped without them, a silo that died before the grain deactivated left published events in
    /// storage with nothing to say so, and the grain's next activation, days later, published them again, past what
    /// consumers remember of message ids.
    /// </summary>
    public async Task OnReminderAsync(Func<Task> write)
    {
        if (Pending.Count > 0)
        {
            // Not published inside the tick, which is a call like any other: while the broker was away each tick held up
            // every call to the grain for a publish's timeout, and once it was back, for the whole backlog.
            if (!_relaying && !_retryScheduled)
            {
                Schedule(TimeSpan.Zero);
            }

            return;
        }

        if (_wroteSinceTick)
        {
            _wroteSinceTick = false;
            return;
        }

        if (RemovedSinceWrite)
        {
            await write();
        }

        await DropReminderAsync();
    }

    /// <summary>
    /// On a deactivation: one last attempt, then persist the removals with <paramref name="write"/> and drop the
    /// reminder if nothing is left. Pending events keep the reminder, which brings the grain back for them. While the
    /// silo shuts down, or when the activation was retired after a failed write, nothing is attempted: the reminder
    /// (if any) stays and a later activation finishes the job from what storage holds.
    /// </summary>
    public async Task OnDeactivateAsync(DeactivationReason reason, Func<Task> write)
    {
        _leaving = true;
        _timer?.Dispose();
        if (_retired || reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            _gone = true;
            ReportPending(leaving: true);
            return;
        }

        if (Pending.Count > 0 && shared.BrokerReachable)
        {
            await RelayAsync(CancellationToken.None);
        }

        await WaitForHandlingAsync();
        _gone = true;

        // A move hands over what was published (see Dehydrate) and keeps the reminder for the new activation. The
        // rebalancer moves dozens of activations at once; a write each on the way out queued them all at the storage
        // account, and every call to them waited up to 2.6 s in the three-silo kill test. Should the hand-over fail,
        // the next activation publishes those events again under their ids: a duplicate, never a loss.
        if (reason.ReasonCode == DeactivationReasonCode.Migrating)
        {
            ReportPending(leaving: true);
            return;
        }

        // Forgotten only if no drop came during the write, which may or may not hold it (as in AfterWrite). Forgotten
        // whatever the write held, a drop made by a relay that finished meanwhile was lost with the activation while
        // storage still held its event, and the reminder went too; the next activation, whenever the grain was called
        // again, published the event once more.
        if (RemovedSinceWrite)
        {
            var drops = _drops;
            await write();
            if (_drops == drops)
            {
                _removedThrough = null;
            }
        }

        if (Pending.Count == 0 && _reminderHeld && !RemovedSinceWrite)
        {
            await DropReminderAsync();
        }

        ReportPending(leaving: true);
    }

    /// <summary>The activation is moving: the new one learns what storage holds that is published already, and that the reminder is held.</summary>
    public void Dehydrate(IDehydrationContext context)
    {
        if (_removedThrough is { } through)
        {
            context.TryAddValue(PublishedThroughKey, through);
        }

        context.TryAddValue(ReminderHeldKey, _reminderHeld);
    }

    /// <summary>Runs before the state is read; <see cref="OnActivate"/> applies it.</summary>
    public void Rehydrate(IRehydrationContext context)
    {
        if (context.TryGetValue(PublishedThroughKey, out Guid through))
        {
            _removedThrough = through;
        }

        _reminderHeld = context.TryGetValue(ReminderHeldKey, out bool held) && held;
    }

    /// <summary>Drops the events up to and including <paramref name="through"/> from a state just read from storage.</summary>
    private void DropThrough(Guid through)
    {
        var list = Pending;
        var index = list.Count - 1;
        while (index >= 0 && list[index].MessageId != through)
        {
            index--;
        }

        // Not found, the state came along with the move (grain storage carries it) or was written since: either way
        // storage may still hold published events, and _removedThrough stays set so the next write (at the latest on
        // deactivation) drops them.
        for (var i = index; i >= 0; i--)
        {
            list.RemoveAt(i);
        }
    }

    private void Schedule(TimeSpan dueTime)
    {
        _retryScheduled = true;
        if (_timer is null)
        {
            _timer = ((IGrainBase)grain).RegisterGrainTimer(
                RetryAsync, new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = false });
        }
        else
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        _retryScheduled = false;
        await RelayAsync(cancellationToken);

        // Nothing left to relay and no retry asked for meanwhile: the timer goes. Kept, it held some 300 bytes in
        // every activation that ever wrote an event (10,391 against 10,094 B per customer in the memory benchmark); a
        // new timer per write allocates about as much, which a change's 7 KB absorbs.
        if (!_retryScheduled && Pending.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>A relay queued by <see cref="AfterWrite"/>; nothing awaits it, so nothing may escape it.</summary>
    private async Task RelayQueuedAsync()
    {
        try
        {
            await RetryAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // What waits stays stored and pending: the next write, the reminder or the next activation relays it.
            LogRelayFailed(shared.Logger, e, grain.GetGrainId());
        }
    }

    private TimeSpan RetryDelay(int failures) =>
        Backoff.Pause(_options.RetryDelay, _options.MaxRetryDelay, failures - 1);

    private async Task RelayAsync(CancellationToken cancellationToken)
    {
        if (_retired)
        {
            return;
        }

        // One relay at a time keeps each event published once per attempt. A relay asked for meanwhile (a write's,
        // the reminder's) is run by the one in flight when it finishes: that one publishes only the events stored
        // when it began, and without this the events written while a slow publish was awaited waited for the
        // grain's next write, reminder or deactivation.
        if (_relaying)
        {
            _relayAgain = true;
            return;
        }

        _relaying = true;
        try
        {
            do
            {
                _relayAgain = false;
                await RelayPendingAsync(cancellationToken);
            }
            while (_relayAgain && _failures == 0 && !_fromHeadAgain && !_retired);
        }
        finally
        {
            _relaying = false;
        }

        // The retry a consumer's failure scheduled may have fired while this relay was still publishing, and found it
        // in flight; this relay stopped at that failure, so nothing else would try again before the next write.
        if (_fromHeadAgain && !_retryScheduled && !_leaving && !_retired)
        {
            Schedule(RetryDelay(Math.Max(_consumerFailures, 1)));
        }
    }

    private async Task RelayPendingAsync(CancellationToken cancellationToken)
    {
        // A copy of the stored head past what waits for its consumers: calls interleave at every publish's await and
        // may add to the list meanwhile.
        _fromHeadAgain = false;
        var pending = Pending;
        var handling = _handling?.Count ?? 0;
        var stored = new OutboxMessage[Math.Max(0, Math.Min(_stored, pending.Count) - handling)];
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = pending[handling + i];
        }

        foreach (var message in stored)
        {
            if (_fromHeadAgain)
            {
                return;
            }

            var published = true;
            var handled = IIntegrationEventPublisher.NotWaited;
            try
            {
                var deadline = shared.PublishDeadlines.Next();
                using var either = cancellationToken.CanBeCanceled
                    ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline)
                    : null;
                handled = await shared.Publisher.PublishAndWatchAsync(message, either?.Token ?? deadline);
            }
            catch (UnpublishableEventException e)
            {
                LogUnpublishable(shared.Logger, e, message.EventType, message.MessageId, grain.GetGrainId(), message.Payload);
                published = false;
            }
            catch (Exception e)
            {
                _failures++;
                shared.BrokerReachable = false;
                var delay = RetryDelay(_failures);
                LogPublishFailed(shared.Logger, e, message.EventType, message.MessageId, grain.GetGrainId(), Pending.Count, delay);
                Schedule(delay);
                return;
            }

            shared.BrokerReachable |= published;
            if (_fromHeadAgain)
            {
                return;
            }

            if (handled.IsCompleted && _handling is null)
            {
                if (!DropUnlessToTryAgain(message, handled.Result))
                {
                    return;
                }

                continue;
            }

            // Events go from the head in order, so one that is handled waits behind any that are not yet.
            (_handling ??= new()).Enqueue((message, handled));
            _ = handled.ContinueWith(static (_, outbox) => ((GrainOutbox)outbox!).QueueDropHandled(), this,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        if (_failures > 0)
        {
            LogRecovered(shared.Logger, grain.GetGrainId(), _failures);
            _failures = 0;
        }
    }

    private void Drop(Guid messageId)
    {
        _drops++;
        Remove(messageId);
        _stored--;
        ReportPending();
        _removedThrough = messageId;
    }

    private void QueueDropHandled()
    {
        if (!_gone)
        {
            grain.GrainContext.Scheduler.QueueAction(static outbox => ((GrainOutbox)outbox).DropHandled(), this);
        }
    }

    /// <summary>Drops, on the grain's scheduler, the events at the head whose consumers have finished with them.</summary>
    private void DropHandled()
    {
        while (_handling is { Count: > 0 } handling && handling.Peek().Handled.IsCompleted)
        {
            var (message, handled) = handling.Dequeue();
            if (!DropUnlessToTryAgain(message, handled.Result))
            {
                return;
            }
        }

        if (_handling is { Count: 0 })
        {
            _handling = null;
        }
    }

    /// <summary>
    /// Drops an event its consumers have finished with, and true; or, when one gave up on it after its last retry for
    /// a reason that may pass (a back-office system down, storage throttled), keeps it and everything behind it to
    /// publish again after a delay, and false. On the in-process bus a consumer's failure was final: the bus's error
    /// queue lived in memory, and the ERP never got the order of a chain committed while it was down for a minute.
    /// A refusal (invalid, not found, conflict) stays one however often it is tried: that event goes, logged whole.
    /// </summary>
    private bool DropUnlessToTryAgain(OutboxMessage message, Exception? failure)
    {
        if (failure is null)
        {
            _consumerFailures = 0;
            Drop(message.MessageId);
            return true;
        }

        // Bounded, like a broker's delivery attempts: an event no consumer can ever handle (a back-office system that
        // always refuses it, a bug) would otherwise hold every event behind it and fill the outbox, after which the
        // grain refuses every change.
        _consumerFailures++;
        if (ConsumerRefusals.Is(failure) || _consumerFailures >= _options.ConsumerAttempts)
        {
            LogRefusedByConsumer(shared.Logger, failure, message.EventType, message.MessageId, grain.GetGrainId(), _consumerFailures, message.Payload);
            _consumerFailures = 0;
            Drop(message.MessageId);
            return true;
        }

        // Published again from here on, under the same ids: consumers that had handled those see a duplicate.
        _handling = null;
        _fromHeadAgain = true;
        var delay = RetryDelay(_consumerFailures);
        LogConsumerFailed(shared.Logger, failure, message.EventType, message.MessageId, grain.GetGrainId(), delay);
        if (!_leaving)
        {
            Schedule(delay);
        }

        return false;
    }

    /// <summary>
    /// A deactivating grain gives its consumers a moment to finish, so it can persist the removals; what they have not
    /// finished by then stays stored and is published again by the next activation (a duplicate, never a loss).
    /// </summary>
    private async Task WaitForHandlingAsync()
    {
        if (_handling is { Count: > 0 } handling)
        {
            await Task.WhenAny(Task.WhenAll(handling.Select(h => h.Handled)), Task.Delay(_options.PublishTimeout))
                .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
            DropHandled();
        }
    }

    private void Remove(Guid messageId)
    {
        var list = Pending;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].MessageId == messageId)
            {
                list.RemoveAt(i);
            }
        }
    }

    private async Task DropReminderAsync()
    {
        try
        {
            if (_reminder is not null)
            {
                await grain.UnregisterReminder(_reminder);
            }
            else if (await grain.GetReminder(ReminderName) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (ReminderException) when (_reminder is not null)
        {
            // Another activation of this grain registered it since (its ETag moved on): remove what the table holds now.
            _reminder = null;
            await DropReminderAsync();
            return;
        }

        _reminder = null;
        _reminderHeld = false;
        _wroteSinceTick = false;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Publishing {EventType} {MessageId} from {GrainId} failed; {Pending} event(s) wait, next attempt in {Delay}.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string eventType, Guid messageId, GrainId grainId, int pending, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Dropping {EventType} {MessageId} from {GrainId}: it can never be published. Its payload, to replay by hand: {Payload}")]
    private static partial void LogUnpublishable(ILogger logger, Exception exception, string eventType, Guid messageId, GrainId grainId, string payload);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A consumer gave up on {EventType} {MessageId} from {GrainId} after its retries; it stays in the outbox and is published again in {Delay}.")]
    private static partial void LogConsumerFailed(ILogger logger, Exception exception, string eventType, Guid messageId, GrainId grainId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Dropping {EventType} {MessageId} from {GrainId}: a consumer refused it, or failed it {Attempts} time(s) in all. Its payload, to replay by hand: {Payload}")]
    private static partial void LogRefusedByConsumer(ILogger logger, Exception exception, string eventType, Guid messageId, GrainId grainId, int attempts, string payload);

    [LoggerMessage(Level = LogLevel.Error, Message = "Relaying the waiting events of {GrainId} failed; they stay stored and are relayed again after its next write.")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{GrainId} published its waiting events after {Failures} failed attempt(s).")]
    private static partial void LogRecovered(ILogger logger, GrainId grainId, int failures);
}
