namespace RelationshipGrains.Grains.Integration;

// The activation's life: what an earlier one left, the reminder that outlives a dead silo, deactivation, moves.
public sealed partial class GrainOutbox
{
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
}
