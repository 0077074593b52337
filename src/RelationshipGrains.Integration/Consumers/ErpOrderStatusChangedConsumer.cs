using MassTransit;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Integration.Consumers;

/// <summary>The ERP moved a slot's order on: the value chain records it once per message.</summary>
public sealed class ErpOrderStatusChangedConsumer(IGrainFactory grains) : IConsumer<ErpOrderStatusChanged>
{
    public Task Consume(ConsumeContext<ErpOrderStatusChanged> context)
    {
        var m = context.Message;
        return grains.ValueChainForPartners(m.ValueChainId).ApplyErpStatusAsync(MessageIds.Required(context), m.Role, m.PartnerId,
            ErpStatuses.Parse(m.Status), m.Note, m.OccurredAt);
    }
}
