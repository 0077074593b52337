using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Webhooks;

/// <summary>
/// An operator subscribes an endpoint to integration events. With a partner id, the endpoint receives only events
/// that concern that partner, with customers named by the partner's pseudonym for them.
/// </summary>
/// <param name="SubscriptionId">The subscription's id, 1-64 characters of a-z, 0-9, '.', '_' or '-'; an existing id is replaced.</param>
/// <param name="Url">
/// Where to deliver: an absolute http or https URL of at most 2,000 characters, outside our network unless the
/// deployment allows internal targets.
/// </param>
/// <param name="EventTypes">The integration events to receive, by type name (for example <c>InteractionRecorded</c>); at least one.</param>
/// <param name="PartnerId">A partner's id to receive only what concerns that partner, or null for everything.</param>
[GenerateSerializer, Immutable, Alias("rg.SubscribeWebhook")]
public sealed record SubscribeWebhook(
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string>? EventTypes,
    [property: Id(3)] string? PartnerId = null)
{
    /// <summary>Checks every field; <paramref name="allowInternalTargets"/> lets a test or private deployment call its own network.</summary>
    /// <param name="knownEventTypes">The event type names we publish.</param>
    /// <param name="allowInternalTargets">True to accept a URL inside our own network.</param>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The id is malformed, the URL is not allowed, the event types are missing, too many or unknown, or the partner id
    /// is malformed.
    /// </exception>
    public void Validate(IReadOnlyCollection<string> knownEventTypes, bool allowInternalTargets)
    {
        Check.Id(SubscriptionId, "subscriptionId");
        if (allowInternalTargets)
        {
            Check.HttpUrl(Url, "url");
        }
        else
        {
            OutboundUrl.Check(Url, "url");
        }

        if (new Uri(Url).UserInfo.Length > 0)
        {
            throw new RelationshipValidationException("url",
                "url must not carry a user name or password: subscriptions are listed to every operator, and the signing secret proves a delivery is ours.");
        }

        if (EventTypes is null || EventTypes.Count == 0 || EventTypes.Count > knownEventTypes.Count)
        {
            throw new RelationshipValidationException("eventTypes", $"eventTypes must name 1-{knownEventTypes.Count} of: {string.Join(", ", knownEventTypes)}.");
        }

        // A null among them passed the check below (FirstOrDefault found it, and a null is no match) and made a
        // subscription that received nothing.
        if (EventTypes.Any(t => t is null))
        {
            throw new RelationshipValidationException("eventTypes", $"eventTypes must not hold null; choose from: {string.Join(", ", knownEventTypes)}.");
        }

        if (EventTypes.FirstOrDefault(t => !knownEventTypes.Contains(t)) is { } unknown)
        {
            throw new RelationshipValidationException("eventTypes", $"'{unknown}' is not an event we publish; choose from: {string.Join(", ", knownEventTypes)}.");
        }

        if (PartnerId is not null)
        {
            Check.Id(PartnerId, "partnerId");
        }
    }
}
