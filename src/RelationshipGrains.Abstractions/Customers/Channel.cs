namespace RelationshipGrains.Customers;

/// <summary>Where an interaction took place.</summary>
[GenerateSerializer, Alias("rg.Channel")]
public enum Channel
{
    /// <summary>A web site or web chat.</summary>
    Web,
    /// <summary>E-mail.</summary>
    Email,
    /// <summary>A chat or messaging app.</summary>
    Chat,
    /// <summary>A phone call.</summary>
    Phone,
    /// <summary>A social network.</summary>
    Social,
    /// <summary>A physical store.</summary>
    Store,
    /// <summary>A partner acting for the company.</summary>
    Partner,
}
