using System.Diagnostics;
using System.Diagnostics.Metrics;
using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Integration.Direct;

/// <summary>
/// What our consumers do with the events handed to them directly, counted and timed as MassTransit's consume metrics
/// did for them on the bus. One meter per process, as <c>GrainMetrics</c>; the consumer's name tells the hosts apart.
/// </summary>
internal static class DeliveryMetrics
{
    private static readonly Meter Meter = new(DirectDelivery.MeterName);

    private static readonly Counter<long> Finished = Meter.CreateCounter<long>("relationshipgrains.integration.consumed", "{event}",
        "Events our consumers finished with, by consumer and outcome: handled; refused, which drops the event; or failed "
        + "after the last attempt (or stopped), which keeps it in its outbox to publish again.");

    private static readonly Histogram<double> Attempts = Meter.CreateHistogram<double>("relationshipgrains.integration.consume.duration", "s",
        "Each attempt of a consumer at an event or a batch, by consumer and outcome: handled or failed.");

    public static void Attempted(string consumer, long startedAt, Exception? failure) =>
        Attempts.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds,
            new KeyValuePair<string, object?>("consumer", consumer), new KeyValuePair<string, object?>("outcome", failure is null ? "handled" : "failed"));

    public static void Ended(string consumer, Exception? failure) =>
        Finished.Add(1,
            new KeyValuePair<string, object?>("consumer", consumer),
            new KeyValuePair<string, object?>("outcome", failure is null ? "handled" : ConsumerRefusals.Is(failure) ? "refused" : "failed"));
}
