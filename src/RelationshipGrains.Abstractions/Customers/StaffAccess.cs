namespace RelationshipGrains.Customers;

/// <summary>One look at, or change to, a customer's data by a signed-in member of staff.</summary>
/// <param name="Subject">The person's subject at the organisation's sign-in provider.</param>
/// <param name="Name">Their display name, from their sign-in.</param>
/// <param name="What">What they did, in words ("Read a page of a customer's timeline").</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("rg.StaffAccess")]
public sealed record StaffAccess(
    [property: Id(0)] string Subject,
    [property: Id(1)] string? Name,
    [property: Id(2)] string What,
    [property: Id(3)] DateTimeOffset At);
