namespace RelationshipGrains.Customers;

/// <summary>One look at, or change to, a customer's data (or, in the staff action log, anything else) by a signed-in member of staff.</summary>
/// <param name="Subject">The person's subject at the organisation's sign-in provider.</param>
/// <param name="Name">Their display name, from their sign-in.</param>
/// <param name="What">What they did, in words ("Read a page of a customer's timeline"; in the staff action log followed by the request, "Hide a post (POST /api/v1/communities/makers/posts/p1/hide)").</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("rg.StaffAccess")]
public sealed record StaffAccess(
    [property: Id(0)] string Subject,
    [property: Id(1)] string? Name,
    [property: Id(2)] string What,
    [property: Id(3)] DateTimeOffset At);
