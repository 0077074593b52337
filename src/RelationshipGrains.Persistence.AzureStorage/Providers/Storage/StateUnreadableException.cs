namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>A stored state could not be read back; the grain's state in memory was not touched.</summary>
public sealed class StateUnreadableException(string message, Exception innerException) : Exception(message, innerException);
