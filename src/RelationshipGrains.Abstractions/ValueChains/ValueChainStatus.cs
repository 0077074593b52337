namespace RelationshipGrains.ValueChains;

/// <summary>The life of a value chain.</summary>
[GenerateSerializer, Alias("rg.ValueChainStatus")]
public enum ValueChainStatus
{
    /// <summary>Being assembled: slots, offers, acceptances and swaps.</summary>
    Open,
    /// <summary>Committed; partners fulfil their slots.</summary>
    Committed,
    /// <summary>Every slot delivered.</summary>
    Completed,
    /// <summary>Cancelled by the customer.</summary>
    Cancelled,
}
