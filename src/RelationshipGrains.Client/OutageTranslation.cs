using Orleans.Runtime.Messaging;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Client;

/// <summary>
/// Turns Orleans' ways of saying "the cluster cannot be reached" (the gateway's connection failed or closed, no gateway
/// is left, the silo is gone, no answer in time) into the one <see cref="RelationshipUnavailableException"/> a channel
/// app handles, with a retry hint, as the HTTP API answers 503 with Retry-After. Every other failure passes unchanged.
/// </summary>
internal sealed class OutageTranslation(RelationshipGrainsClientOptions options) : IOutgoingGrainCallFilter
{
    public const int RetryAfterSeconds = 2;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (IsOutage(e))
        {
            throw new RelationshipUnavailableException(
                $"The RelationshipGrains cluster '{options.ClusterId}' did not answer {context.InterfaceName}.{context.MethodName} ({e.GetType().Name}: " +
                $"{e.Message}); try again in {RetryAfterSeconds} s. A call that changes something is safe to repeat with the same request id.",
                RetryAfterSeconds, e);
        }
    }

    public static bool IsOutage(Exception e) =>
        e is ConnectionFailedException or SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException or TimeoutException;
}
