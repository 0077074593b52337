using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RelationshipGrains.Api.Http;

/// <summary>
/// One token bucket per API key, so one noisy channel app or partner cannot starve the others; requests without a
/// valid key share a bucket per client address, which also slows key guessing. Refusals are 429 with Retry-After.
/// </summary>
public static class PerKeyRateLimiting
{
    public static IServiceCollection AddPerKeyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (limits.RequestsPerSecond < 1 || limits.Burst < 1 || limits.LiveFeedsPerKey < 1)
        {
            throw new InvalidOperationException("RateLimits:RequestsPerSecond, RateLimits:Burst and RateLimits:LiveFeedsPerKey must be 1 or more.");
        }

        return services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(
                PartitionOf(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.AddPolicy(LiveFeedPolicy, http => RateLimitPartition.GetConcurrencyLimiter(PartitionOf(http),
                _ => new ConcurrencyLimiterOptions { PermitLimit = limits.LiveFeedsPerKey, QueueLimit = 0 }));
            o.OnRejected = RejectAsync;
        });
    }

    /// <summary>The endpoint policy that caps the live feeds one key holds open (each holds its permit while connected).</summary>
    public const string LiveFeedPolicy = "live-feeds";

    private static string PartitionOf(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"key:{name}" : $"address:{http.Connection.RemoteIpAddress}";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This key has used its requests or live feeds for now; try again in {retryAfter} s.",
            },
        });
    }
}
