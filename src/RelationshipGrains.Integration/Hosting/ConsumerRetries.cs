using MassTransit;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Integration.Hosting;

/// <summary>How our consumers retry, on MassTransit's endpoints and in the embedded silo's direct delivery alike.</summary>
public static class ConsumerRetries
{
    /// <summary>The waits before the second to the last attempt: a failure that may pass has about 21 seconds to pass.</summary>
    public static readonly IReadOnlyList<TimeSpan> Intervals =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    /// <summary>Failures of a message that can never succeed (invalid, not found, conflicting), which no retry helps.</summary>
    private static readonly Type[] Refusals = [typeof(RelationshipValidationException), typeof(RelationshipNotFoundException), typeof(RelationshipConflictException)];

    /// <summary>
    /// Whether <paramref name="failure"/> is a refusal, matched as MassTransit's retry filter matches an ignored type:
    /// the exception, its innermost cause, or one of an aggregate's.
    /// </summary>
    public static bool Refused(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var cause = failure.GetBaseException();
        return IsRefusal(failure) || IsRefusal(cause)
            || (cause is AggregateException all && all.InnerExceptions.Any(e => IsRefusal(e) || IsRefusal(e.GetBaseException())));
    }

    public static void Configure(IRetryConfigurator retry)
    {
        retry.Ignore(Refusals);
        retry.Intervals([.. Intervals]);
    }

    private static bool IsRefusal(Exception failure) => Array.Exists(Refusals, t => t.IsInstanceOfType(failure));
}
