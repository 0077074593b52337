using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using RelationshipGrains.Customers;

namespace RelationshipGrains.IntegrationTests.Cluster;

/// <summary>
/// Records interactions at a steady rate, as a channel app would, and retries every failed call with the same
/// interaction id until it is acknowledged, waiting longer after each failure (0.2 s doubling to 3 s, with jitter)
/// so a dead silo does not turn into a retry storm, and with at most <see cref="MaxInFlight"/> calls open, as a real
/// channel app's connection pool would allow. Remembers every acknowledgement and when it came.
/// </summary>
public sealed partial class SteadyInteractionLoad(IClusterClient client, string customerPrefix, int customers, Stopwatch clock)
{
    public const int MaxInFlight = 1_000;

    private readonly SemaphoreSlim _inFlight = new(MaxInFlight);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(3);

    public ConcurrentBag<Acknowledged> Acknowledgements { get; } = [];

    public int FailedAttempts => _failedAttempts;

    /// <summary>Why attempts failed: exception type and the start of its message, with how often.</summary>
    public ConcurrentDictionary<string, int> FailureReasons { get; } = new();

    /// <summary>Every failed attempt.</summary>
    public ConcurrentBag<Failure> Failures { get; } = [];

    private int _failedAttempts;

    public string CustomerId(int index) => $"{customerPrefix}-{index}";

    /// <summary>
    /// Sends interactions <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1, customer by
    /// customer round-robin, or fewer if <paramref name="stopSending"/> fires first; waits for every call sent to be
    /// acknowledged and returns how many were sent.
    /// </summary>
    public async Task<int> RunAsync(int first, int count, int perSecond, TimeSpan giveUpAfter, CancellationToken stopSending = default)
    {
        using var giveUp = new CancellationTokenSource(giveUpAfter);
        var started = clock.Elapsed;
        var calls = new List<Task>(Math.Min(count, 100_000));
        for (var i = 0; i < count && !stopSending.IsCancellationRequested; i++)
        {
            // Read the clock once: between a check and a second reading the wait can turn negative.
            var wait = started + TimeSpan.FromSeconds((double)i / perSecond) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, giveUp.Token);
            }

            await _inFlight.WaitAsync(giveUp.Token);
            calls.Add(RecordUntilAcknowledgedAsync(first + i, giveUp.Token));
        }

        await Task.WhenAll(calls);
        return calls.Count;
    }

    /// <summary>
    /// Sends interactions <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 with at most
    /// <paramref name="open"/> unanswered at a time and no pacing: as fast as the cluster answers and never faster, so no
    /// call waits out its response timeout in a queue and is sent twice. For making customers exist before a measured
    /// load, and for finding how many the cluster takes.
    /// </summary>
    public async Task SeedAsync(int first, int count, int open, TimeSpan giveUpAfter)
    {
        using var giveUp = new CancellationTokenSource(giveUpAfter);
        using var slots = new SemaphoreSlim(open);
        var calls = new List<Task>(count);
        for (var i = first; i < first + count; i++)
        {
            await slots.WaitAsync(giveUp.Token);
            await _inFlight.WaitAsync(giveUp.Token);
            calls.Add(FreeingAsync(RecordUntilAcknowledgedAsync(i, giveUp.Token), slots));
        }

        await Task.WhenAll(calls);

        static async Task FreeingAsync(Task call, SemaphoreSlim slots)
        {
            try
            {
                await call;
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private async Task RecordUntilAcknowledgedAsync(int index, CancellationToken giveUp)
    {
        var customerId = CustomerId(index % customers);
        var interaction = new RecordInteraction($"load-{index}", Channel.Chat, Direction.Inbound, Author.Customer, $"Message {index}");
        var delay = FirstRetryDelay;
        var firstSent = clock.Elapsed;

        // The first attempt's time is the first send itself, so a call that was never retried has Attempted == FirstSent.
        var attempt = firstSent;
        while (true)
        {
            giveUp.ThrowIfCancellationRequested();
            try
            {
                var result = await client.GetGrain<ICustomerGrain>(customerId).RecordInteractionAsync(interaction);
                Acknowledgements.Add(new Acknowledged(customerId, interaction.InteractionId, result.Entry.Sequence, firstSent, attempt, clock.Elapsed));
                _inFlight.Release();
                return;
            }
            catch (Exception e) when (e is not Errors.RelationshipValidationException)
            {
                // The client reports every outage as RelationshipUnavailableException; what happened is its inner exception.
                var cause = e is Errors.RelationshipUnavailableException { InnerException: { } inner } ? inner : e;
                Interlocked.Increment(ref _failedAttempts);
                var reason = $"{cause.GetType().Name}: {cause.Message[..Math.Min(90, cause.Message.Length)]}";
                Failures.Add(new Failure(attempt, clock.Elapsed, cause is TimeoutException, customerId, reason, SiloPortOf(cause)));
                FailureReasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
                await Task.Delay(delay * (0.5 + Random.Shared.NextDouble()), giveUp);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
                attempt = clock.Elapsed;
            }
        }
    }

    /// <summary>
    /// The silo port an Orleans response timeout names as the message's target. A grain client's request targets the
    /// gateway it was written to; the gateway forwards it from there.
    /// </summary>
    private static int? SiloPortOf(Exception cause) =>
        cause is TimeoutException && TimedOutTarget().Match(cause.Message) is { Success: true } match ? int.Parse(match.Groups[1].Value) : null;

    [GeneratedRegex(@"\]->\[S[0-9.]+:([0-9]+):")]
    private static partial Regex TimedOutTarget();

    /// <param name="Attempted">When the failed attempt was sent.</param>
    /// <param name="At">When it failed.</param>
    /// <param name="SentToPort">For a timeout, the port of the silo the request was sent to (for a client, its gateway).</param>
    public sealed record Failure(TimeSpan Attempted, TimeSpan At, bool TimedOut, string CustomerId, string Reason, int? SentToPort);

    /// <param name="FirstSent">When the interaction was first sent; <see cref="Latency"/> counts every retry.</param>
    /// <param name="Attempted">When the attempt that succeeded was sent.</param>
    public sealed record Acknowledged(string CustomerId, string InteractionId, long Sequence, TimeSpan FirstSent, TimeSpan Attempted, TimeSpan At)
    {
        public TimeSpan Latency => At - FirstSent;
    }
}
