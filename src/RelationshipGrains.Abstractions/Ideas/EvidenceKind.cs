namespace RelationshipGrains.Ideas;

/// <summary>Where a customer asked for an idea.</summary>
[GenerateSerializer, Alias("rg.EvidenceKind")]
public enum EvidenceKind
{
    /// <summary>An entry of the customer's own timeline (a chat, call, e-mail, service case...).</summary>
    Interaction,
    /// <summary>A public social media mention.</summary>
    SocialMention,
}
