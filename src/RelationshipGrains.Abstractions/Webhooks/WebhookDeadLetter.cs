namespace RelationshipGrains.Webhooks;

/// <summary>A delivery that failed every attempt, kept so an operator can replay it once the receiver is fixed.</summary>
[GenerateSerializer, Immutable, Alias("rg.WebhookDeadLetter")]
public sealed record WebhookDeadLetter(
    [property: Id(0)] string DeadLetterId,
    [property: Id(1)] string SubscriptionId,
    [property: Id(2)] Guid MessageId,
    [property: Id(3)] string EventType,
    [property: Id(4)] string Body,
    [property: Id(5)] int Attempts,
    [property: Id(6)] string LastError,
    [property: Id(7)] DateTimeOffset FailedAt);
