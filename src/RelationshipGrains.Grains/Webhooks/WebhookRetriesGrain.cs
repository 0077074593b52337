using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Grains.Webhooks;

/// <summary>
/// One subscription's deliveries waiting to be tried again, on a journal of their own, tried by this grain on their
/// schedule. Retried inside the bus's consumer instead, one receiver that was down held every other subscription's
/// deliveries: each event waited out the slowest receiver's whole retry schedule in one of the endpoint's few slots.
/// </summary>
public sealed partial class WebhookRetriesGrain(
    IDurableStateManager journal, IWebhookAttempts attempts, IOptions<WebhookOptions> options, TimeProvider time,
    ForcedCompactions compactions, ILogger<WebhookRetriesGrain> logger) : Grain, IWebhookRetriesGrain, IRemindable
{
    /// <summary>Deliveries kept waiting per subscription; more become dead letters untried.</summary>
    public const int MaxWaiting = 10_000;

    /// <summary>Wakes the queue after a restart or on another silo; it goes once the queue is empty.</summary>
    public const string ReminderName = "webhook-retries";

    private const int TriedPerRound = 256;
    private const int InParallel = 8;

    private readonly IDurableList<WebhookRetry> _waiting = journal.GetOrAddList<WebhookRetry>("waiting");

    /// <summary>Deliveries that left the queue, delivered, dead-lettered or forgotten.</summary>
    private readonly LeftRecords _left = new(journal, compactions);
    private readonly HashSet<Guid> _ids = [];
    private IGrainTimer? _timer;
    private bool _reminderHeld;

    /// <summary>Set while the reminder is being dropped; a delivery arriving then waits for it, then registers again.</summary>
    private Task? _forgettingReminder;
    private bool _trying;

    /// <summary>Rounds in a row whose first attempt failed; no round starts until the doubling wait after the last has passed.</summary>
    private int _failedRounds;
    private DateTimeOffset _notBefore;

    private string SubscriptionId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var retry in _waiting)
        {
            _ids.Add(retry.MessageId);
        }

        // The reminder is registered before the first delivery is written and goes only with the last one.
        _reminderHeld = _waiting.Count > 0;
        Schedule();
        return Task.CompletedTask;
    }

    public async Task WaitAsync(WebhookRetry retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        if (_ids.Contains(retry.MessageId))
        {
            return;
        }

        if (retry.Attempts >= options.Value.Attempts)
        {
            // Spent already: with Webhooks:Attempts at 1, the dispatcher's one attempt was the last.
            await DeadLetterAsync([retry]);
            return;
        }

        if (_waiting.Count >= MaxWaiting)
        {
            await DeadLetterAsync([retry with { LastError = $"Not tried: {MaxWaiting:N0} deliveries were already waiting for this receiver." }]);
            return;
        }

        // The reminder going meanwhile is still held until it is gone: a delivery acknowledged then had none.
        while (_forgettingReminder is { } forgetting)
        {
            await forgetting;
        }

        if (!_reminderHeld)
        {
            await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            _reminderHeld = true;
        }

        _waiting.Add(retry);
        _ids.Add(retry.MessageId);
        await journal.WriteOrRetireAsync(this);
        Schedule();
    }

    public async Task ForgetCustomerAsync(string customerId, IReadOnlyList<string> names, DateTimeOffset raisedBefore)
    {
        ArgumentNullException.ThrowIfNull(names);
        // A round under way sends none of them it has not sent yet, and finds them gone when it records its outcomes.
        var forgotten = _waiting.RemoveWhere(r => ErasedCustomers.Concerns(r.CustomerId, r.Body, r.RaisedAt, customerId, names, raisedBefore));
        _ids.ExceptWith(forgotten.Select(r => r.MessageId));
        if (await _left.RewriteIfLeftAsync(this, removedNow: forgotten.Count > 0))
        {
            Schedule();
        }
    }

    /// <summary>The waiting deliveries; while the receiver fails, none is tried before the queue's next round.</summary>
    public Task<IReadOnlyList<WebhookRetry>> ListAsync() =>
        Task.FromResult<IReadOnlyList<WebhookRetry>>([.. _waiting.Select(r => r.NextAttemptAt < _notBefore ? r with { NextAttemptAt = _notBefore } : r)]);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName && _waiting.Count == 0 && !_trying)
        {
            await ForgetReminderAsync();
        }
    }

    private void Schedule()
    {
        if (_trying)
        {
            // The round under way schedules the next when it ends.
            return;
        }

        if (_waiting.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }

        // Deliveries queued untried are due at once, but while the receiver is down they wait for the next round.
        var next = _waiting.Min(r => r.NextAttemptAt);
        var dueTime = (next > _notBefore ? next : _notBefore) - time.GetUtcNow();
        dueTime = dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime;
        if (_timer is null)
        {
            // Interleaving: a round waits on a receiver for up to the attempt timeout, and the dispatcher's WaitAsync
            // must not wait with it. Kept alive while deliveries wait, so the schedule is this activation's to keep.
            _timer = this.RegisterGrainTimer(TryAsync, new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        }
        else
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Tries the deliveries that are due, oldest first. The first stands for the rest: when it fails, the receiver is
    /// taken to be down and the others due with it count that attempt too, so a queue of thousands costs one attempt a
    /// round, not thousands of timeouts, and they all become dead letters when their schedule ends. Deliveries whose
    /// subscription is gone (or was made again since their event) are dropped first, each on its own.
    /// </summary>
    private async Task TryAsync(CancellationToken cancellationToken)
    {
        _trying = true;
        try
        {
            var now = time.GetUtcNow();
            var outcomes = new Dictionary<Guid, Outcome>();
            var due = new List<(WebhookRetry Retry, WebhookTarget Target)>();
            foreach (var retry in _waiting.Where(r => r.NextAttemptAt <= now).Take(TriedPerRound).ToList())
            {
                if (await attempts.TargetAsync(SubscriptionId, retry) is { } target)
                {
                    due.Add((retry, target));
                }
                else
                {
                    outcomes[retry.MessageId] = Outcome.SubscriptionGone;
                }
            }

            // The lookups above yield (the timer interleaves with calls): an erasure may have forgotten some meanwhile,
            // and the first is sent unchecked below.
            due.RemoveAll(d => !_ids.Contains(d.Retry.MessageId));
            if (due.Count > 0)
            {
                var first = await AttemptAsync(due[0], cancellationToken);
                outcomes[due[0].Retry.MessageId] = first;
                NoteRound(first);
                if (first.Error is null)
                {
                    foreach (var chunk in due.Skip(1).Chunk(InParallel).Select(c => c.Where(d => _ids.Contains(d.Retry.MessageId)).ToArray()))
                    {
                        var results = await Task.WhenAll(chunk.Select(d => AttemptAsync(d, cancellationToken)));
                        for (var i = 0; i < chunk.Length; i++)
                        {
                            outcomes[chunk[i].Retry.MessageId] = results[i];
                        }
                    }
                }
                else
                {
                    foreach (var (retry, _) in due.Skip(1))
                    {
                        outcomes[retry.MessageId] = new Outcome($"{first.Error} (the delivery tried before it failed; this one was not sent)");
                    }
                }
            }

            if (outcomes.Count > 0)
            {
                await ApplyAsync(outcomes);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage or the dead letters failed us: the round is tried again, after a wait rather than at once.
            var retryAt = time.GetUtcNow() + options.Value.FirstRetryDelay;
            _notBefore = retryAt > _notBefore ? retryAt : _notBefore;
            throw;
        }
        finally
        {
            _trying = false;
            Schedule();
        }
    }

    /// <summary>An attempt; a fault on our side fails it like a receiver's, so rounds back off.</summary>
    private async Task<Outcome> AttemptAsync((WebhookRetry Retry, WebhookTarget Target) delivery, CancellationToken cancellationToken)
    {
        try
        {
            return new Outcome(await attempts.AttemptAsync(delivery.Target, delivery.Retry, cancellationToken));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome($"Not sent: {e.Message}");
        }
    }

    private void NoteRound(Outcome first)
    {
        if (first.Error is null)
        {
            (_failedRounds, _notBefore) = (0, default);
            return;
        }

        _failedRounds++;
        _notBefore = time.GetUtcNow() + options.Value.WaitAfter(_failedRounds);
    }

    private async Task ApplyAsync(Dictionary<Guid, Outcome> outcomes)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var failed = _waiting
            .Where(r => outcomes.TryGetValue(r.MessageId, out var o) && o is { Gone: false, Error: not null })
            .Select(r => r with { Attempts = r.Attempts + 1, LastError = outcomes[r.MessageId].Error! })
            .ToList();

        // Kept as dead letters before anything leaves the queue, in storage or in memory: if keeping them fails, the
        // round is tried again with the queue as it was. A crash between the two writes keeps them twice, and a dead
        // letter with the same id replaces the first.
        var dead = failed.Where(r => r.Attempts >= settings.Attempts).ToList();
        if (dead.Count > 0)
        {
            await DeadLetterAsync(dead);
        }

        var retried = failed.ToDictionary(r => r.MessageId);
        var gone = outcomes.Values.Count(o => o.Gone);
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            var id = _waiting[i].MessageId;
            if (!outcomes.ContainsKey(id))
            {
                continue;
            }

            if (retried.TryGetValue(id, out var retry) && retry.Attempts < settings.Attempts)
            {
                _waiting[i] = retry with { NextAttemptAt = now + settings.WaitAfter(retry.Attempts) };
            }
            else
            {
                _waiting.RemoveAt(i);
                _ids.Remove(id);
                _left.Left();
            }
        }

        if (gone > 0)
        {
            LogSubscriptionGone(logger, SubscriptionId, gone);
        }

        await journal.WriteOrRetireAsync(this);
        if (_waiting.Count == 0)
        {
            // Emptied, it is rewritten empty: the queue of a removed subscription is never asked by an erasure again.
            await _left.RewriteIfLeftAsync(this);

            await ForgetReminderAsync();
        }
    }

    /// <summary>What became of one attempt: accepted (no error), failed, or not made because the subscription is gone.</summary>
    private readonly record struct Outcome(string? Error, bool Gone = false)
    {
        public static Outcome SubscriptionGone => new(null, Gone: true);
    }

    private async Task DeadLetterAsync(IReadOnlyList<WebhookRetry> retries)
    {
        foreach (var retry in retries)
        {
            LogDeadLettered(logger, retry.EventType, retry.MessageId, SubscriptionId, retry.Attempts, retry.LastError);
        }

        await GrainFactory.GetGrain<IWebhookDeadLettersGrain>(0).AddManyAsync([.. retries.Select(r => new WebhookDeadLetter(
            $"{SubscriptionId}.{r.MessageId:N}", SubscriptionId, r.MessageId, r.EventType, r.Body, r.Attempts, r.LastError, time.GetUtcNow(), r.RaisedAt,
            r.CustomerId))]);
    }

    private async Task ForgetReminderAsync()
    {
        var forgotten = new TaskCompletionSource();
        _forgettingReminder = forgotten.Task;
        try
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderHeld = false;
            if (_waiting.Count > 0)
            {
                // A delivery came in while the reminder went (calls interleave with a round): it needs one again.
                await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
                _reminderHeld = true;
            }
        }
        finally
        {
            _forgettingReminder = null;
            forgotten.SetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Webhook delivery of {EventType} {MessageId} to subscription {SubscriptionId} failed {Attempts} times ({Error}); kept as a dead letter.")]
    private static partial void LogDeadLettered(ILogger logger, string eventType, Guid messageId, string subscriptionId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Subscription {SubscriptionId} was removed, or made again since their events; {Count} deliveries waiting for it were dropped.")]
    private static partial void LogSubscriptionGone(ILogger logger, string subscriptionId, int count);
}
