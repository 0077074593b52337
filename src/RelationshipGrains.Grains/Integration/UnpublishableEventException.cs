namespace RelationshipGrains.Grains.Integration;

/// <summary>
/// A publisher's verdict that an outbox message can never be published (its type is unknown to this version, or
/// its payload does not read as that type). The outbox logs it whole and moves on, so one bad message cannot hold
/// back every event behind it.
/// </summary>
public sealed class UnpublishableEventException(string message, Exception? inner = null) : Exception(message, inner);
