namespace RelationshipGrains.Customers;

/// <summary>The kind of party that wrote a timeline entry.</summary>
[GenerateSerializer, Alias("rg.AuthorKind")]
public enum AuthorKind
{
    /// <summary>The customer whose timeline it is.</summary>
    Customer,
    /// <summary>A staff member, named by id.</summary>
    Staff,
    /// <summary>A partner, named by id.</summary>
    Partner,
    /// <summary>The platform itself.</summary>
    System,
}
