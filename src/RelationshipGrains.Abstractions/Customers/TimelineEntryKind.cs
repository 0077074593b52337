namespace RelationshipGrains.Customers;

/// <summary>What a timeline entry records. One timeline holds them all: no silos between functions.</summary>
[GenerateSerializer, Alias("rg.TimelineEntryKind")]
public enum TimelineEntryKind
{
    /// <summary>A message or conversation turn on a channel.</summary>
    Interaction,
    /// <summary>A service case, with a status (open, pending, resolved, closed).</summary>
    ServiceCase,
    /// <summary>A sales opportunity, with a status (open, qualified, proposal, won, lost).</summary>
    SalesOpportunity,
    /// <summary>A marketing touch, with a status (sent, delivered, opened, clicked, converted, bounced, unsubscribed).</summary>
    MarketingTouch,
    /// <summary>The status of an earlier case, opportunity or touch changed; <see cref="TimelineEntry.RelatesTo"/> names it.</summary>
    StatusChanged,
    /// <summary>The customer updated the profile.</summary>
    ProfileUpdated,
    /// <summary>The customer expressed an intent.</summary>
    IntentExpressed,
    /// <summary>The customer withdrew an intent.</summary>
    IntentWithdrawn,
    /// <summary>The customer granted a partner consent.</summary>
    ConsentGranted,
    /// <summary>The customer revoked a partner's consent.</summary>
    ConsentRevoked,
    /// <summary>A partner answered one of the customer's intents with an offer.</summary>
    IntentOfferReceived,
    /// <summary>One of the customer's value chains moved on (created, offer, acceptance, swap, commit, fulfilment, cancel).</summary>
    ValueChainStep,
    /// <summary>The customer posted, proposed, forked or commented in a community.</summary>
    CommunityActivity,
    /// <summary>An idea the customer asked for: their conversation was linked to it, or it moved on (selected, delivered...).</summary>
    IdeaUpdate,
}
