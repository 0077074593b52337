namespace RelationshipGrains.Customers;

/// <summary>Whether an intent still stands.</summary>
[GenerateSerializer, Alias("rg.IntentStatus")]
public enum IntentStatus
{
    /// <summary>The customer still wants this.</summary>
    Open,
    /// <summary>The customer withdrew it.</summary>
    Withdrawn,
}
