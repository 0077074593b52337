using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RelationshipGrains.Client;

/// <summary>
/// Says once that the cluster was lost and once that it is back. Orleans' own messaging warnings (each failed
/// connection attempt, each gateway refresh) are filtered to errors by <see cref="RelationshipGrainsClientExtensions"/>:
/// a silo that died would otherwise fill a channel app's log with hundreds of lines saying the same thing.
/// </summary>
internal sealed partial class ClusterConnectionLog(
    RelationshipGrainsClientOptions options, string where, CallsInFlight calls, ILogger<ClusterConnectionLog> logger, IHostApplicationLifetime? lifetime)
    : IClusterConnectionStatusObserver
{
    /// <summary>
    /// Orleans' client categories that warn of every broken connection, failed attempt and gateway refresh (a
    /// category also covers those it prefixes: <c>...Messaging.Connection</c> covers <c>ConnectionManager</c>).
    /// </summary>
    public static readonly string[] ChattyCategories =
    [
        "Orleans.Messaging.GatewayManager",
        "Orleans.Messaging.ClientMessageCenter",
        "Orleans.Runtime.Messaging.Connection",
        "Orleans.OutsideRuntimeClient",

        // A call failed at once when the cluster was lost (CallsInFlight) still times out inside Orleans 30 s later,
        // which warns that it "breaks its promise" although the app had its RelationshipUnavailableException long before.
        "Orleans.Runtime.CallbackData",
    ];

    private int _lost;

    public void NotifyClusterConnectionLost()
    {
        calls.ClusterLost();
        if (Interlocked.Exchange(ref _lost, 1) == 0 && Running)
        {
            LogLost(logger, options.ClusterId, where);
        }
    }

    /// <summary>
    /// Between the host's start and its stop: a start that cannot connect fails with its own exception, and a client
    /// being stopped closes its connections on purpose; neither is an outage to report.
    /// </summary>
    private bool Running => lifetime is null
        || (lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways > 0 && Interlocked.Exchange(ref _lost, 0) == 1 && Running)
        {
            LogBack(logger, options.ClusterId, currentNumberOfGateways);
        }
    }

    [LoggerMessage(1, LogLevel.Warning,
        "Lost the connection to the RelationshipGrains cluster '{ClusterId}' ({Where}); calls fail with RelationshipUnavailableException until a gateway answers again.")]
    private static partial void LogLost(ILogger logger, string clusterId, string where);

    [LoggerMessage(2, LogLevel.Information, "Connected to the RelationshipGrains cluster '{ClusterId}' again, through {Gateways} gateway(s).")]
    private static partial void LogBack(ILogger logger, string clusterId, int gateways);
}
