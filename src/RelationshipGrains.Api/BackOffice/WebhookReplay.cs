namespace RelationshipGrains.Api.BackOffice;

/// <summary>The outcome of replaying a dead letter.</summary>
public sealed record WebhookReplay(string DeadLetterId, bool Delivered);
