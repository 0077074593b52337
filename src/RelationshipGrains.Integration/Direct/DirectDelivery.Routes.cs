using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Consumers;

namespace RelationshipGrains.Integration.Direct;

public sealed partial class DirectDelivery
{
    /// <summary>One consumer's way in: events are taken at once, and handled off the grain's turn that relayed them.</summary>
    private abstract class Route(DirectDelivery owner, DirectConsumer consumer)
    {
        public string Name => consumer.Name;

        /// <summary>Its spans' name, by OpenTelemetry's messaging conventions.</summary>
        protected string SpanName { get; } = $"process {consumer.Name}";

        protected DirectDelivery Owner => owner;

        protected DirectConsumer Consumer => consumer;

        public static Route For(DirectDelivery owner, DirectConsumer consumer) =>
            consumer.BatchSize > 0 ? new BatchRoute(owner, consumer) : new SingleRoute(owner, consumer);

        public abstract void Take(object integrationEvent, EventDelivery delivery);

        protected void Finished(Guid messageId, Exception? failure)
        {
            DeliveryMetrics.Ended(Name, failure);
            owner._handling.Handled(messageId, Name, failure);
        }

        /// <summary>Its span for one event or batch: null unless something listens.</summary>
        protected Activity? StartSpan(ActivityContext parent, IEnumerable<ActivityLink>? links = null)
        {
            var span = Tracing.StartActivity(SpanName, ActivityKind.Consumer, parent, links: links);
            span?.SetTag("messaging.operation.type", "process");
            span?.SetTag("messaging.destination.name", Name);
            return span;
        }

        protected static void End(Activity? span, Exception? failure)
        {
            if (failure is not null)
            {
                span?.SetStatus(ActivityStatusCode.Error, failure.Message);
            }

            span?.Dispose();
        }
    }

    private sealed class SingleRoute(DirectDelivery owner, DirectConsumer consumer) : Route(owner, consumer)
    {
        private readonly SemaphoreSlim _turns = new(ConcurrencyPerConsumer);

        public override void Take(object integrationEvent, EventDelivery delivery) =>
            // On the thread pool and without the relaying call's execution context (an unsafe work item carries none):
            // run inline, the consumer's awaits would come back as turns of the grain that relayed, and its grain calls
            // would carry that call's request context.
            ThreadPool.UnsafeQueueUserWorkItem(static work => _ = work.Route.ConsumeAsync(work.Event, work.Delivery),
                (Route: this, Event: integrationEvent, Delivery: delivery), preferLocal: false);

        private async Task ConsumeAsync(object integrationEvent, EventDelivery delivery)
        {
            Exception? failure;
            try
            {
                await _turns.WaitAsync(delivery.CancellationToken);
                var span = StartSpan(delivery.Trace);
                span?.SetTag("messaging.message.id", delivery.MessageId.ToString());
                try
                {
                    failure = await Owner.AttemptAsync(this, integrationEvent, delivery.MessageId,
                        services => ((IEventConsumer)services.GetRequiredService(Consumer.Type)).ConsumeAsync(integrationEvent, delivery),
                        delivery.CancellationToken);
                    End(span, failure);
                }
                finally
                {
                    _turns.Release();
                }
            }
            catch (OperationCanceledException e)
            {
                failure = e;
            }

            Finished(delivery.MessageId, failure);
        }
    }

    /// <summary>Events gathered into batches of up to the consumer's size, or whatever came within its window from the first; one batch at a time.</summary>
    private sealed class BatchRoute : Route
    {
        private readonly Channel<(object Event, EventDelivery Delivery)> _waiting =
            Channel.CreateUnbounded<(object, EventDelivery)>(new UnboundedChannelOptions { SingleReader = true });

        public BatchRoute(DirectDelivery owner, DirectConsumer consumer)
            : base(owner, consumer)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static route => _ = route.RunAsync(route.Owner._stopping.Token), this, preferLocal: false);
        }

        public override void Take(object integrationEvent, EventDelivery delivery) => _waiting.Writer.TryWrite((integrationEvent, delivery));

        private async Task RunAsync(CancellationToken stopping)
        {
            try
            {
                while (await _waiting.Reader.WaitToReadAsync(stopping))
                {
                    var batch = await GatherAsync(stopping);
                    var span = Tracing.HasListeners()
                        ? StartSpan(default, [.. batch.Where(e => e.Delivery.Trace != default).Select(e => new ActivityLink(e.Delivery.Trace))])
                        : null;
                    span?.SetTag("messaging.batch.message_count", batch.Count);
                    var failure = await AttemptAsync(batch, stopping);
                    End(span, failure);
                    if (failure is not null && batch.Count > 1 && ConsumerRefusals.Is(failure))
                    {
                        await RefusedAsync(batch, stopping);
                        continue;
                    }

                    foreach (var (_, delivery) in batch)
                    {
                        Finished(delivery.MessageId, failure);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopped: what waits here is never reported, and stays in its outbox for the next activation.
            }
            catch (Exception e)
            {
                LogBatchStopped(Owner._logger, e, Name);
            }
        }

        private Task<Exception?> AttemptAsync(List<(object Event, EventDelivery Delivery)> batch, CancellationToken stopping, bool once = false) =>
            Owner.AttemptAsync(this, batch, messageId: null,
                services => ((IEventBatchConsumer)services.GetRequiredService(Consumer.Type)).ConsumeAsync(batch, stopping), stopping, once);

        /// <summary>
        /// A refused batch is tried again event by event, so a refusal drops only the events refused on their own, not
        /// the up to <see cref="DirectConsumer.BatchSize"/> others that came with them. Once each, without retries: a
        /// batch is refused after up to 21 s of them, and its events' outboxes retry what fails now.
        /// </summary>
        private async Task RefusedAsync(List<(object Event, EventDelivery Delivery)> batch, CancellationToken stopping)
        {
            foreach (var one in batch)
            {
                Finished(one.Delivery.MessageId, await AttemptAsync([one], stopping, once: true));
            }
        }

        private async Task<List<(object Event, EventDelivery Delivery)>> GatherAsync(CancellationToken stopping)
        {
            var batch = new List<(object, EventDelivery)>(Consumer.BatchSize);
            using var window = new CancellationTokenSource(Consumer.BatchWindow, Owner._time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, window.Token);
            while (batch.Count < Consumer.BatchSize)
            {
                if (_waiting.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                    continue;
                }

                try
                {
                    if (!await _waiting.Reader.WaitToReadAsync(either.Token))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    break;
                }
            }

            return batch;
        }
    }
}
