namespace RelationshipGrains.Customers;

/// <summary>What a consent grant lets a partner see.</summary>
[GenerateSerializer, Alias("rg.ConsentScope")]
public enum ConsentScope
{
    /// <summary>The customer's profile.</summary>
    Profile,
    /// <summary>The customer's conversation (the timeline).</summary>
    Conversation,
    /// <summary>The customer's intents in full, with the customer's identity.</summary>
    Intents,
}
