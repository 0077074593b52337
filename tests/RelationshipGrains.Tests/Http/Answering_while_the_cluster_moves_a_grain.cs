using Microsoft.AspNetCore.Http;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using RelationshipGrains.Api.Errors;

namespace RelationshipGrains.Tests.Http;

/// <summary>While a dead silo is being declared dead, calls to its grains fail; the API says 503 and when to retry, never 500.</summary>
public sealed class Answering_while_the_cluster_moves_a_grain
{
    public static TheoryData<Exception> TransitionFailures() =>
    [
        new TimeoutException("Response did not arrive on time in 00:00:30"),
        new SiloUnavailableException("The target silo became unavailable"),
        new ConnectionFailedException("Unable to connect to endpoint 127.0.0.1:11112"),
        new InconsistentStateException("Journal was changed by another writer"),
    ];

    [Theory]
    [MemberData(nameof(TransitionFailures))]
    public async Task A_failure_of_the_cluster_in_transition_is_503_with_retry_after(Exception failure)
    {
        var problems = new RecordingProblemDetails();
        var context = new DefaultHttpContext();

        var handled = await new ProblemExceptionHandler(problems).TryHandleAsync(context, failure, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(ClusterInTransition.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("Service Unavailable", problems.Written!.ProblemDetails.Title);
    }

    [Fact]
    public async Task Any_other_failure_is_left_to_the_default_handler()
    {
        var context = new DefaultHttpContext();
        Assert.False(await new ProblemExceptionHandler(new RecordingProblemDetails()).TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None));
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
    }

    private sealed class RecordingProblemDetails : IProblemDetailsService
    {
        public ProblemDetailsContext? Written { get; private set; }

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            Written = context;
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
        {
            Written = context;
            return ValueTask.FromResult(true);
        }
    }
}
