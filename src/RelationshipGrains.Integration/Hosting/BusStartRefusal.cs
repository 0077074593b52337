using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RelationshipGrains.Integration.Hosting;

/// <summary>
/// Stops the host when the bus fails to start for good. MassTransit retries a broker it cannot reach,
/// but a broker that refuses the login (or the virtual host) faults the start and leaves the bus stopped: the silo
/// would stay up, hosting grains whose events nobody relays, with a readiness check saying only "Broker unreachable".
/// </summary>
internal sealed partial class BusStartRefusal(
    IHostApplicationLifetime lifetime, BusStartOutcome outcome, RabbitMqOptions rabbit, ILogger<BusStartRefusal> logger) : IBusObserver
{
    public Task StartFaulted(IBus bus, Exception exception)
    {
        if (exception is OperationCanceledException || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The host is stopping while the bus starts: nothing was refused.
            return Task.CompletedTask;
        }

        outcome.Refusal = Explain(exception, rabbit);
        LogRefused(logger, outcome.Refusal);

        // Once started, not during the start: a stop requested mid-start cancels it, and the host then fails with an
        // unhandled cancellation (exit 134) after Orleans' own complaints about a silo stopped while joining.
        lifetime.ApplicationStarted.Register(lifetime.StopApplication);
        return Task.CompletedTask;
    }

    /// <summary>What the broker refused, in the settings one types, from the innermost reason MassTransit wraps.</summary>
    private static string Explain(Exception exception, RabbitMqOptions rabbit)
    {
        var reason = exception;
        while (reason.InnerException is { } inner)
        {
            reason = inner;
        }

        var where = $"RabbitMQ at {rabbit.Host}:{rabbit.Port}";
        return reason.Message.Contains("ACCESS_REFUSED", StringComparison.Ordinal)
            ? $"{where} refused the login of user '{rabbit.Username}': check Messaging__RabbitMq__Username and Messaging__RabbitMq__Password."
            : reason.Message.Contains("vhost", StringComparison.OrdinalIgnoreCase)
                ? $"{where} refused virtual host '{rabbit.VirtualHost}': check Messaging__RabbitMq__VirtualHost ({reason.Message})."
                : $"The message bus could not start and will not retry: {reason.Message}";
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Reason} The silo stops: without the bus it cannot relay its grains' events.")]
    private static partial void LogRefused(ILogger logger, string reason);

    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public Task PostStart(IBus bus, Task<BusReady> busReady) => Task.CompletedTask;

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
