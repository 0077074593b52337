using MassTransit;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Integration.Erp;

/// <summary>
/// The ERP adapter: a committed value chain becomes one ERP order per slot, whose status comes back to the chain as
/// <see cref="ErpOrderStatusChanged"/>; a selected idea becomes a design request.
/// </summary>
public sealed partial class ErpConsumer(ErpClient erp, TimeProvider time, ILogger<ErpConsumer> logger) :
    IConsumer<ValueChainCommitted>, IConsumer<IdeaSelected>
{
    public async Task Consume(ConsumeContext<ValueChainCommitted> context)
    {
        var chain = context.Message;
        var source = MessageIds.Required(context);
        foreach (var slot in chain.Slots)
        {
            var answer = await erp.PlaceOrderAsync(new ErpOrder($"{chain.ValueChainId}/{slot.Role}", chain.ValueChainId, slot.Role,
                slot.PartnerId, slot.PriceAmount, slot.PriceCurrency, slot.LeadTimeDays), context.CancellationToken);
            await context.Publish(new ErpOrderStatusChanged(chain.ValueChainId, slot.Role, slot.PartnerId, answer.Id, answer.Status,
                "Order placed with the ERP.", time.GetUtcNow()), c => c.MessageId = MessageIds.Derived(source, $"{slot.Role}/{answer.Status}"));
        }
    }

    public async Task Consume(ConsumeContext<IdeaSelected> context)
    {
        var idea = context.Message;
        var answer = await erp.RequestDesignAsync(new ErpDesignRequest(idea.IdeaId, idea.Community, idea.Title, idea.Description,
            idea.NumericAttributes, idea.TextAttributes ?? new Dictionary<string, IReadOnlyList<string>>(), idea.Fitness), context.CancellationToken);
        LogDesignRequested(logger, idea.IdeaId, answer.Id, answer.Status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idea {IdeaId} went to the ERP as design request {DesignRequestId} ({Status}).")]
    private static partial void LogDesignRequested(ILogger logger, string ideaId, string designRequestId, string status);
}
