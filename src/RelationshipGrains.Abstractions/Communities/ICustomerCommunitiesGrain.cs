namespace RelationshipGrains.Communities;

/// <summary>
/// The communities that have held a customer as a member, or their words as an idea's evidence (keyed by the customer
/// id). Each community writes here before it answers a join, or a configuration naming the customer as staff, and so
/// does evidence before it reaches an idea, so the customer's erasure finds every one: the notices on the customer's
/// timeline could be lost, and staff named at configuration got none. Not for grain clients.
/// </summary>
[Alias("rg.ICustomerCommunitiesGrain")]
public interface ICustomerCommunitiesGrain : IGrainWithStringKey
{
    /// <summary>Records that the community holds the customer; durable when the call returns, and nothing new if it knew.</summary>
    /// <param name="slug">The community.</param>
    [Alias("Add")]
    Task AddAsync(string slug);

    /// <summary>Every community recorded, in the order they were first recorded.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>Forgets the communities an erasure has cleaned, and storage keeps none of them; others stay.</summary>
    /// <param name="slugs">The communities cleaned.</param>
    [Alias("Forget")]
    Task ForgetAsync(IReadOnlyList<string> slugs);
}
