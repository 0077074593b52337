using Microsoft.Extensions.Logging;

namespace RelationshipGrains.Grains.Integration;

// Relaying: publishing what is pending in order, retrying with backoff, dropping what consumers finished with.
public sealed partial class GrainOutbox
{
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
            stored[i] = Built(pending[handling + i]);
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
