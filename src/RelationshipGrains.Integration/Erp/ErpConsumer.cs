using MassTransit;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Integration.Erp;

/// <summary>
/// The ERP adapter: a committed value chain becomes one ERP order per slot, whose status comes back to the chain as
/// <see cref="ErpOrderStatusChanged"/>, and those orders are cancelled if the chain is; a selected idea becomes a design
/// request.
/// </summary>
/// <remarks>
/// A chain's two events may be handled at once (by two silos, or while the first waits out a retry), so a
/// cancellation can reach the ERP before its order. The cancellation takes a 404 as nothing to cancel, and the order's
/// side asks the chain after placing each order and cancels it if the chain was cancelled meanwhile: either the
/// cancellation became durable before that question, or its event was published after the order was placed.
/// </remarks>
public sealed partial class ErpConsumer(ErpClient erp, IGrainFactory grains, TimeProvider time, ILogger<ErpConsumer> logger) :
    IConsumer<ValueChainCommitted>, IConsumer<ValueChainCancelled>, IConsumer<IdeaSelected>, IEventConsumer
{
    public Task Consume(ConsumeContext<ValueChainCommitted> context) => ConsumeAsync(context.Message, EventDelivery.Of(context));

    public Task Consume(ConsumeContext<ValueChainCancelled> context) => ConsumeAsync(context.Message, EventDelivery.Of(context));

    public Task Consume(ConsumeContext<IdeaSelected> context) => ConsumeAsync(context.Message, EventDelivery.Of(context));

    public Task ConsumeAsync(object integrationEvent, EventDelivery delivery) => integrationEvent switch
    {
        ValueChainCommitted chain => PlaceOrdersAsync(chain, delivery),
        ValueChainCancelled chain => CancelOrdersAsync(chain, delivery.CancellationToken),
        IdeaSelected idea => RequestDesignAsync(idea, delivery.CancellationToken),
        _ => throw new ArgumentException($"The ERP adapter takes no {integrationEvent.GetType().Name}.", nameof(integrationEvent)),
    };

    private async Task PlaceOrdersAsync(ValueChainCommitted chain, EventDelivery delivery)
    {
        var source = delivery.MessageId;
        var cancelled = chain.Slots.Count > 0 && await IsCancelledAsync(chain.ValueChainId, chain.Slots[0].PartnerId);
        foreach (var slot in chain.Slots)
        {
            if (cancelled)
            {
                // Its cancellation cancels what was placed; nothing more is.
                LogNotPlaced(logger, OrderReference(chain.ValueChainId, slot.Role));
                continue;
            }

            var answer = await erp.PlaceOrderAsync(new ErpOrder(OrderReference(chain.ValueChainId, slot.Role), chain.ValueChainId, slot.Role,
                slot.PartnerId, slot.PriceAmount, slot.PriceCurrency, slot.LeadTimeDays), delivery.CancellationToken);
            // Asked after each order, which also answers before the next.
            cancelled = await IsCancelledAsync(chain.ValueChainId, slot.PartnerId);
            if (cancelled)
            {
                await CancelAsync(chain.ValueChainId, (slot.Role, slot.PartnerId), delivery.CancellationToken);
                continue;
            }

            await delivery.Answers.PublishAsync(new ErpOrderStatusChanged(chain.ValueChainId, slot.Role, slot.PartnerId, answer.Id, answer.Status,
                "Order placed with the ERP.", time.GetUtcNow()), MessageIds.Derived(source, $"{slot.Role}/{answer.Status}"), delivery.CancellationToken);
        }
    }

    private async Task CancelOrdersAsync(ValueChainCancelled chain, CancellationToken cancellationToken)
    {
        if (!chain.WasCommitted)
        {
            return;
        }

        var slots = chain.OrderedSlots?.Select(s => (s.Role, s.PartnerId)).ToList() ?? await OrderedSlotsOfAsync(chain);
        List<Exception> failures = [];
        foreach (var slot in slots)
        {
            try
            {
                await CancelAsync(chain.ValueChainId, slot, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The other orders are still cancelled; a retry asks again for all, each under its own idempotency key.
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"The ERP did not cancel {failures.Count} of the {slots.Count} orders of value chain {chain.ValueChainId}.", failures);
        }
    }

    private async Task RequestDesignAsync(IdeaSelected idea, CancellationToken cancellationToken)
    {
        var answer = await erp.RequestDesignAsync(new ErpDesignRequest(idea.IdeaId, idea.Community, idea.Title, idea.Description,
            idea.NumericAttributes, idea.TextAttributes ?? new Dictionary<string, IReadOnlyList<string>>(), idea.Fitness), cancellationToken);
        LogDesignRequested(logger, idea.IdeaId, answer.Id, answer.Status);
    }

    private async Task CancelAsync(string valueChainId, (string Role, string PartnerId) slot, CancellationToken cancellationToken)
    {
        var reference = OrderReference(valueChainId, slot.Role);
        var answer = await erp.CancelOrderAsync(new ErpOrderCancellation(reference, valueChainId, slot.Role, slot.PartnerId), cancellationToken);
        if (answer is null)
        {
            LogNothingToCancel(logger, reference);
        }
        else
        {
            LogOrderCancelled(logger, reference, answer.Id, answer.Status);
        }
    }

    /// <summary>The chain as its owner sees it; null when it cannot be read (its owner was erased since).</summary>
    private async Task<ValueChainView?> ChainAsync(string valueChainId, string ownerId)
    {
        try
        {
            return await grains.ValueChainForPartners(valueChainId).GetForOwnerAsync(ownerId);
        }
        catch (RelationshipNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Asked as the slot's partner: the owner's view is gone once the owner is erased, and read as "not cancelled" it
    /// placed a redelivered commit's orders for a chain cancelled before, which nothing then cancelled.
    /// </summary>
    private async Task<bool> IsCancelledAsync(string valueChainId, string partnerId) =>
        (await grains.ValueChainForPartners(valueChainId).GetForPartnerAsync(partnerId)).Status == ValueChainStatus.Cancelled;

    /// <summary>For events written before cancellations named their orders: the slots as the chain holds them.</summary>
    private async Task<List<(string Role, string PartnerId)>> OrderedSlotsOfAsync(ValueChainCancelled chain)
    {
        if (await ChainAsync(chain.ValueChainId, chain.CustomerId) is not { } view)
        {
            LogOrdersNotCancelled(logger, chain.ValueChainId);
            return [];
        }

        return [.. view.Slots.Where(s => s.AcceptedPartnerId is not null && s.Fulfilment != FulfilmentStatus.Failed)
            .Select(s => (s.Role, s.AcceptedPartnerId!))];
    }

    private static string OrderReference(string valueChainId, string role) => $"{valueChainId}/{role}";

    [LoggerMessage(Level = LogLevel.Information, Message = "ERP order {OrderReference} was cancelled as {ErpOrderId} ({Status}).")]
    private static partial void LogOrderCancelled(ILogger logger, string orderReference, string erpOrderId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "The ERP has no order {OrderReference} to cancel; if it is placed later, whoever places it cancels it.")]
    private static partial void LogNothingToCancel(ILogger logger, string orderReference);

    [LoggerMessage(Level = LogLevel.Information, Message = "ERP order {OrderReference} was not placed: its value chain was cancelled first.")]
    private static partial void LogNotPlaced(ILogger logger, string orderReference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Value chain {ValueChainId} was cancelled after it was committed, but neither its event nor the chain names its orders any more; cancel them in the ERP by hand.")]
    private static partial void LogOrdersNotCancelled(ILogger logger, string valueChainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idea {IdeaId} went to the ERP as design request {DesignRequestId} ({Status}).")]
    private static partial void LogDesignRequested(ILogger logger, string ideaId, string designRequestId, string status);
}
