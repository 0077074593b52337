using MassTransit;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Integration.Erp;

/// <summary>
/// The ERP adapter: a committed value chain becomes one ERP order per slot, whose status comes back to the chain as
/// <see cref="ErpOrderStatusChanged"/>, and those orders are cancelled if the chain is; a selected idea becomes a design
/// request.
/// </summary>
public sealed partial class ErpConsumer(ErpClient erp, TimeProvider time, ILogger<ErpConsumer> logger) :
    IConsumer<ValueChainCommitted>, IConsumer<ValueChainCancelled>, IConsumer<IdeaSelected>
{
    public async Task Consume(ConsumeContext<ValueChainCommitted> context)
    {
        var chain = context.Message;
        var source = MessageIds.Required(context);
        foreach (var slot in chain.Slots)
        {
            var answer = await erp.PlaceOrderAsync(new ErpOrder(OrderReference(chain.ValueChainId, slot), chain.ValueChainId, slot.Role,
                slot.PartnerId, slot.PriceAmount, slot.PriceCurrency, slot.LeadTimeDays), context.CancellationToken);
            await context.Publish(new ErpOrderStatusChanged(chain.ValueChainId, slot.Role, slot.PartnerId, answer.Id, answer.Status,
                "Order placed with the ERP.", time.GetUtcNow()), c => c.MessageId = MessageIds.Derived(source, $"{slot.Role}/{answer.Status}"));
        }
    }

    public async Task Consume(ConsumeContext<ValueChainCancelled> context)
    {
        var chain = context.Message;
        if (!chain.WasCommitted)
        {
            return;
        }

        if (chain.OrderedSlots is null)
        {
            // Written before cancellations named their orders: which slots had one is no longer known here.
            LogOrdersNotCancelled(logger, chain.ValueChainId);
            return;
        }

        // Each under its own idempotency key, so a redelivery after a failure half-way cancels nothing twice.
        foreach (var slot in chain.OrderedSlots)
        {
            var reference = OrderReference(chain.ValueChainId, slot);
            var answer = await erp.CancelOrderAsync(new ErpOrderCancellation(reference, chain.ValueChainId, slot.Role, slot.PartnerId,
                chain.Reason, chain.CancelledAt), context.CancellationToken);
            LogOrderCancelled(logger, reference, answer.Id, answer.Status);
        }
    }

    public async Task Consume(ConsumeContext<IdeaSelected> context)
    {
        var idea = context.Message;
        var answer = await erp.RequestDesignAsync(new ErpDesignRequest(idea.IdeaId, idea.Community, idea.Title, idea.Description,
            idea.NumericAttributes, idea.TextAttributes ?? new Dictionary<string, IReadOnlyList<string>>(), idea.Fitness), context.CancellationToken);
        LogDesignRequested(logger, idea.IdeaId, answer.Id, answer.Status);
    }

    private static string OrderReference(string valueChainId, CommittedSlot slot) => $"{valueChainId}/{slot.Role}";

    [LoggerMessage(Level = LogLevel.Information, Message = "ERP order {OrderReference} was cancelled as {ErpOrderId} ({Status}).")]
    private static partial void LogOrderCancelled(ILogger logger, string orderReference, string erpOrderId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Value chain {ValueChainId} was cancelled after it was committed, but its event does not name its orders; cancel them in the ERP by hand.")]
    private static partial void LogOrdersNotCancelled(ILogger logger, string valueChainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idea {IdeaId} went to the ERP as design request {DesignRequestId} ({Status}).")]
    private static partial void LogDesignRequested(ILogger logger, string ideaId, string designRequestId, string status);
}
