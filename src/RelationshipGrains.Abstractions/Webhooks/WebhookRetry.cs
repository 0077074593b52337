namespace RelationshipGrains.Webhooks;

/// <summary>A delivery waiting to be tried again, in its subscription's queue.</summary>
/// <param name="MessageId">The event's message id, the delivery id receivers de-duplicate by.</param>
/// <param name="EventType">The event's type name.</param>
/// <param name="Body">The JSON body, as the first attempt sent it (or would have).</param>
/// <param name="Attempts">How many attempts failed so far; 0 for one queued untried.</param>
/// <param name="LastError">Why the last attempt failed, or why none was made.</param>
/// <param name="NextAttemptAt">When it is tried again.</param>
/// <param name="RaisedAt">When the event was raised, when known: a subscription made later under the same id does not get it.</param>
/// <param name="CustomerId">
/// The customer the event is about, by their own id (a partner's body names them by the partner's pseudonym), so an
/// erasure finds the delivery; null when the event names no customer, or for one queued before this was kept.
/// </param>
[GenerateSerializer, Immutable, Alias("rg.WebhookRetry")]
public sealed record WebhookRetry(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] string EventType,
    [property: Id(2)] string Body,
    [property: Id(3)] int Attempts,
    [property: Id(4)] string LastError,
    [property: Id(5)] DateTimeOffset NextAttemptAt,
    [property: Id(6)] DateTimeOffset? RaisedAt = null,
    [property: Id(7)] string? CustomerId = null);
