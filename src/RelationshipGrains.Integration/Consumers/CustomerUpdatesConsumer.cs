using MassTransit;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Naming;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Integration.Consumers;

/// <summary>
/// Back-office news for a customer's timeline: social mentions, marketing touches and service-desk cases. Each
/// message is applied once: the customer grain remembers its id with the entry it produced.
/// </summary>
public sealed class CustomerUpdatesConsumer(IGrainFactory grains, TimeProvider time) :
    IConsumer<SocialMentionReceived>, IConsumer<MarketingTouchRecorded>, IConsumer<ServiceCaseUpdated>
{
    public Task Consume(ConsumeContext<SocialMentionReceived> context)
    {
        var m = context.Message;
        var text = m.Url is null ? m.Text : $"{m.Text}\n{m.Url}";
        return Apply(m.CustomerId, new BackOfficeUpdate(MessageIds.Required(context), TimelineEntryKind.Interaction, null,
            Channel.Social, Direction.Inbound, text, m.Topic ?? m.Network, null, null, OccurredAt(context, m.OccurredAt)));
    }

    public Task Consume(ConsumeContext<MarketingTouchRecorded> context)
    {
        var m = context.Message;
        return Apply(m.CustomerId, new BackOfficeUpdate(MessageIds.Required(context), TimelineEntryKind.MarketingTouch, m.CampaignId,
            ParseChannel(m.Channel), Direction.Outbound, m.Text, m.CampaignId, m.Status?.ToLowerInvariant(), null, OccurredAt(context, m.OccurredAt)));
    }

    public Task Consume(ConsumeContext<ServiceCaseUpdated> context)
    {
        var m = context.Message;
        return Apply(m.CustomerId, new BackOfficeUpdate(MessageIds.Required(context), TimelineEntryKind.ServiceCase, m.CaseId,
            Channel.Web, Direction.Inbound, m.Subject, m.CaseId, m.Status?.ToLowerInvariant(), m.Note, OccurredAt(context, m.OccurredAt)));
    }

    /// <summary>A message put on the bus by a back-office system itself may leave the time out: it happened when it was sent.</summary>
    private DateTimeOffset OccurredAt(ConsumeContext context, DateTimeOffset? occurredAt) =>
        occurredAt ?? (context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : time.GetUtcNow());

    private Task Apply(string customerId, BackOfficeUpdate update) => grains.CustomerStewardship(customerId).ApplyBackOfficeUpdateAsync(update);

    private static Channel ParseChannel(string? channel) =>
        Kebab.TryParse<Channel>(channel, out var parsed)
            ? parsed
            : throw new RelationshipValidationException("channel", $"'{channel}' is not a channel: {Kebab.List<Channel>()}.");
}
