using Orleans.Runtime.Messaging;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Client;

/// <summary>
/// Turns Orleans' ways of saying "the cluster cannot be reached" (the gateway's connection failed or closed, no gateway
/// is left, the silo is gone, no answer in time) into the one <see cref="RelationshipUnavailableException"/> a channel
/// app handles, with a retry hint, as the HTTP API answers 503 with Retry-After. Every other failure passes unchanged.
/// </summary>
internal sealed class OutageTranslation(RelationshipGrainsClientOptions options, CallsInFlight calls) : IOutgoingGrainCallFilter
{
    public const int RetryAfterSeconds = 2;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var lost = calls.Lost;
        try
        {
            var call = context.Invoke();
            if (!call.IsCompleted && await Task.WhenAny(call, lost) == lost)
            {
                // Orleans still waits for the answer and fails the call when its timeout ends: nobody awaits it then.
                _ = call.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw new ConnectionFailedException("The connection to the cluster was lost while the call waited for its answer.");
            }

            await call;
        }
        catch (Exception e) when (IsOutage(e))
        {
            throw new RelationshipUnavailableException(
                $"The RelationshipGrains cluster '{options.ClusterId}' did not answer {context.InterfaceName}.{context.MethodName} ({e.GetType().Name}: " +
                $"{e.Message}); try again in {RetryAfterSeconds} s. A call that changes something is safe to repeat with the same request id.",
                RetryAfterSeconds, e);
        }
    }

    /// <summary>Whether <paramref name="e"/> says the cluster cannot answer for now, rather than that the call was wrong.</summary>
    /// <param name="e">The call's failure.</param>
    /// <returns>True for a failure a retry after <see cref="RetryAfterSeconds"/> can clear.</returns>
    /// <remarks>
    /// The same failures the HTTP API answers 503 (its <c>ClusterInTransition</c>), and an overloaded gateway: an
    /// <see cref="Orleans.Storage.InconsistentStateException"/> says an activation lost its journal to a newer one while
    /// its grain moved between silos, which clears by itself.
    /// </remarks>
    public static bool IsOutage(Exception e) =>
        e is ConnectionFailedException or SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException or TimeoutException
            or Orleans.Storage.InconsistentStateException;
}
