namespace RelationshipGrains.Customers;

/// <summary>Who started the exchange, seen from the company.</summary>
[GenerateSerializer, Alias("rg.Direction")]
public enum Direction
{
    /// <summary>From the customer to the company.</summary>
    Inbound,
    /// <summary>From the company to the customer.</summary>
    Outbound,
}
