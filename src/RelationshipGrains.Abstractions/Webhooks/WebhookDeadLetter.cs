namespace RelationshipGrains.Webhooks;

/// <summary>A delivery that failed every attempt, kept so an operator can replay it once the receiver is fixed.</summary>
/// <param name="DeadLetterId">The dead letter's id: <c>{subscriptionId}.{messageId}</c>, the message id without dashes.</param>
/// <param name="SubscriptionId">The subscription it was for.</param>
/// <param name="MessageId">The event's message id.</param>
/// <param name="EventType">The event's type name.</param>
/// <param name="Body">The JSON body as sent.</param>
/// <param name="Attempts">How many attempts failed, replays included.</param>
/// <param name="LastError">What the last attempt failed with.</param>
/// <param name="FailedAt">When the last attempt failed.</param>
/// <param name="RaisedAt">When the event was raised, when known: a subscription made again under the id later is not sent it.</param>
/// <param name="CustomerId">
/// The customer the event is about, by their own id (a partner's body names them by the partner's pseudonym), so an
/// erasure finds the dead letter; null when the event names no customer, or for one kept before this was.
/// </param>
[GenerateSerializer, Immutable, Alias("rg.WebhookDeadLetter")]
public sealed record WebhookDeadLetter(
    [property: Id(0)] string DeadLetterId,
    [property: Id(1)] string SubscriptionId,
    [property: Id(2)] Guid MessageId,
    [property: Id(3)] string EventType,
    [property: Id(4)] string Body,
    [property: Id(5)] int Attempts,
    [property: Id(6)] string LastError,
    [property: Id(7)] DateTimeOffset FailedAt,
    [property: Id(8)] DateTimeOffset? RaisedAt = null,
    [property: Id(9)] string? CustomerId = null);
