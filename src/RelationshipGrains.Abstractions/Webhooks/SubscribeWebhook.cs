using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Webhooks;

/// <summary>
/// An operator subscribes an endpoint to integration events. With a partner id, the endpoint receives only events
/// that concern that partner, with customers named by the partner's pseudonym for them.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.SubscribeWebhook")]
public sealed record SubscribeWebhook(
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string>? EventTypes,
    [property: Id(3)] string? PartnerId = null)
{
    /// <summary>Checks every field; <paramref name="allowInternalTargets"/> lets a test or private deployment call its own network.</summary>
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

        if (EventTypes is null || EventTypes.Count == 0 || EventTypes.Count > knownEventTypes.Count)
        {
            throw new RelationshipValidationException("eventTypes", $"eventTypes must name 1-{knownEventTypes.Count} of: {string.Join(", ", knownEventTypes)}.");
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
