namespace RelationshipGrains.IdentityProvider;

/// <summary>Someone who can sign in at the test provider, with the groups its tokens carry in their <c>roles</c> claim.</summary>
/// <param name="UserName">What they type (or the test sends) to sign in.</param>
/// <param name="Password">Their password at this provider.</param>
/// <param name="Subject">The provider's stable id for them (<c>sub</c>).</param>
/// <param name="Name">Their display name (<c>name</c>).</param>
/// <param name="Roles">The provider's group names, as an organisation would name them.</param>
/// <param name="TokenLifetime">How long their access tokens last; the provider's default when left out.</param>
/// <param name="Audience">The audience of their tokens when not the provider's own (a customer's, say).</param>
/// <param name="CustomerId">For a customer: the customer id their tokens carry in <c>customer_id</c>.</param>
public sealed record TestPerson(
    string UserName, string Password, string Subject, string Name, IReadOnlyList<string> Roles, TimeSpan? TokenLifetime = null,
    string? Audience = null, string? CustomerId = null);
