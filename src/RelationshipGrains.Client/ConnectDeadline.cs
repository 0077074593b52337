using RelationshipGrains.Errors;

namespace RelationshipGrains.Client;

/// <summary>
/// Keeps trying to reach the cluster while a client starts, with a short doubling wait, until
/// <see cref="RelationshipGrainsClientOptions.ConnectTimeout"/> has passed since the first failure; then fails the
/// start with one <see cref="RelationshipUnavailableException"/> that says where it looked.
/// </summary>
internal sealed class ConnectDeadline(RelationshipGrainsClientOptions options, string where, TimeProvider time) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    private long? _firstFailure;
    private int _failures;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _firstFailure ??= time.GetTimestamp();
        var left = options.ConnectTimeout - time.GetElapsedTime(_firstFailure.Value);
        if (left <= TimeSpan.Zero)
        {
            throw new RelationshipUnavailableException(
                $"Could not reach the RelationshipGrains cluster '{options.ClusterId}' (service '{options.ServiceId}') at {where} within " +
                $"{options.ConnectTimeout.TotalSeconds:0.#} s ({_failures + 1} attempts; the last: {exception.Message}). Check that a silo is running " +
                $"there and that {RelationshipGrainsClientOptions.Section}:ClusterId and :ServiceId match the silos'.",
                (int)Math.Ceiling(LongestWait.TotalSeconds), exception);
        }

        var wait = TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << Math.Min(_failures, 10)));
        _failures++;
        await Task.Delay(wait < left ? wait : left, time, cancellationToken);
        return true;
    }
}
