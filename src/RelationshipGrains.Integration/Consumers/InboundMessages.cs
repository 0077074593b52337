using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Naming;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Integration.Consumers;

/// <summary>
/// The back-office messages we accept, by the source that sends them, and the checks each passes before it is
/// accepted, so a bad message is refused to its sender instead of failing later in a queue.
/// </summary>
public static class InboundMessages
{
    /// <summary>Longest mention text: the entry adds the network, author and link to it within an interaction's length.</summary>
    public const int MentionText = Limits.InteractionText - 2_100;

    public static IReadOnlyDictionary<string, Type> BySource { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["social"] = typeof(SocialMentionReceived),
        ["marketing"] = typeof(MarketingTouchRecorded),
        ["service-desk"] = typeof(ServiceCaseUpdated),
        ["erp"] = typeof(ErpOrderStatusChanged),
    };

    /// <summary>The message id of a webhook delivery: the same for every re-send of one delivery id from one source.</summary>
    public static Guid MessageId(string source, string deliveryId) => MessageIds.Derived(Guid.Empty, $"{source}/{deliveryId}");

    /// <summary>Checks a message and returns it with its occurredAt set: as sent, or <paramref name="now"/> when left out.</summary>
    public static object Validate(object message, DateTimeOffset now)
    {
        CheckFields(message);
        return message switch
        {
            SocialMentionReceived m => m with { OccurredAt = Check.OccurredAt(m.OccurredAt, now) },
            MarketingTouchRecorded m => m with { OccurredAt = Check.OccurredAt(m.OccurredAt, now) },
            ServiceCaseUpdated m => m with { OccurredAt = Check.OccurredAt(m.OccurredAt, now) },
            ErpOrderStatusChanged m => m with { OccurredAt = Check.OccurredAt(m.OccurredAt, now) },
            _ => message,
        };
    }

    private static void CheckFields(object message)
    {
        switch (message)
        {
            case SocialMentionReceived m:
                Check.Id(m.CustomerId, "customerId");
                Check.Text(m.Network, "network", Limits.ShortText);
                Check.Text(m.Text, "text", MentionText);
                Check.OptionalText(m.Topic, "topic", Limits.ShortText);
                if (m.Url is not null)
                {
                    Check.HttpUrl(m.Url, "url");
                }

                break;
            case MarketingTouchRecorded m:
                Check.Id(m.CustomerId, "customerId");
                SubjectId(m.CampaignId, "campaignId");
                Check.Text(m.Text, "text", Limits.InteractionText);
                _ = Kebab.TryParse<Channel>(m.Channel, out var channel)
                    ? channel
                    : throw new RelationshipValidationException("channel", $"channel must be one of: {Kebab.List<Channel>()}.");
                EntryStatuses.Validate(TimelineEntryKind.MarketingTouch, m.Status?.ToLowerInvariant(), "status");
                break;
            case ServiceCaseUpdated m:
                Check.Id(m.CustomerId, "customerId");
                SubjectId(m.CaseId, "caseId");
                Check.Text(m.Subject, "subject", Limits.ShortText);
                Check.OptionalText(m.Note, "note", Limits.StatusNote);
                EntryStatuses.Validate(TimelineEntryKind.ServiceCase, m.Status?.ToLowerInvariant(), "status");
                break;
            case ErpOrderStatusChanged m:
                Check.Id(m.ValueChainId, "valueChainId");
                Check.Id(m.Role, "role");
                Check.Id(m.PartnerId, "partnerId");
                Check.RequestId(m.ErpOrderId, "erpOrderId");
                Check.OptionalText(m.Note, "note", Limits.StatusNote);
                ErpStatuses.Validate(m.Status);
                break;
            default:
                throw new RelationshipValidationException("body", $"A {message.GetType().Name} is not a message we accept.");
        }
    }

    /// <summary>
    /// A case's or campaign's id names an entry ("case:" and the id), so it is held to the shorter bound the customer
    /// grain checks: longer, it was acknowledged here and refused there, and the message was lost.
    /// </summary>
    private static void SubjectId(string? id, string field)
    {
        Check.RequestId(id, field);
        if (id!.Length > BackOfficeUpdate.MaxSubjectIdLength)
        {
            throw new RelationshipValidationException(field, $"{field} must be at most {BackOfficeUpdate.MaxSubjectIdLength} characters.");
        }
    }
}
