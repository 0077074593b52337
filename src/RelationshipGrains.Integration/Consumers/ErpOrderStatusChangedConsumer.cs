using MassTransit;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Naming;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Integration.Consumers;

/// <summary>
/// The ERP moved a slot's order on: the value chain records it once per message. An order the ERP reports cancelled
/// changes nothing, once its chain is cancelled.
/// </summary>
public sealed class ErpOrderStatusChangedConsumer(IGrainFactory grains) : IConsumer<ErpOrderStatusChanged>
{
    public Task Consume(ConsumeContext<ErpOrderStatusChanged> context)
    {
        var m = context.Message;
        return ErpStatuses.IsCancelled(m.Status)
            ? ConfirmCancelledAsync(m)
            : grains.ValueChainForPartners(m.ValueChainId).ApplyErpStatusAsync(MessageIds.Required(context), m.Role, m.PartnerId,
                ErpStatuses.Parse(m.Status), m.Note, m.OccurredAt);
    }

    /// <summary>
    /// The ERP confirms a cancellation the adapter asked for. Nothing is recorded, so a redelivery is checked the same
    /// way; a cancellation of an order whose chain goes on is refused, since the chain would not know its slot stopped.
    /// </summary>
    private async Task ConfirmCancelledAsync(ErpOrderStatusChanged m)
    {
        var chain = await grains.ValueChainForPartners(m.ValueChainId).GetForPartnerAsync(m.PartnerId);
        if (chain.Status != ValueChainStatus.Cancelled)
        {
            throw new RelationshipConflictException(
                $"The ERP reports the order for slot '{m.Role}' cancelled, but value chain '{m.ValueChainId}' is {Kebab.Of(chain.Status)}: report the order failed instead.");
        }
    }
}
