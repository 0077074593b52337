using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Auth.SignIn;

using RelationshipGrains.Api.Errors;
using RelationshipGrains.Integration.Consumers;

namespace RelationshipGrains.Api.Http;

/// <summary>
/// One token bucket per API key, sized by its role, so one noisy channel app or partner cannot starve the others;
/// each back-office source has one per client address for the inbound webhook; requests without a valid key share a bucket per client
/// address, which also slows key guessing. Refusals are 429 with Retry-After.
/// </summary>
public static class PerKeyRateLimiting
{
    public static IServiceCollection AddPerKeyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (limits.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        return services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Bucket>(http => RateLimitPartition.GetTokenBucketLimiter(
                BucketOf(http),
                bucket => Options(limits.For(bucket.Role))));
            o.AddPolicy(LiveFeedPolicy, http => RateLimitPartition.GetConcurrencyLimiter(BucketOf(http),
                _ => new ConcurrencyLimiterOptions { PermitLimit = limits.LiveFeedsPerKey, QueueLimit = 0 }));
            o.OnRejected = RejectAsync;
        });
    }

    /// <summary>The endpoint policy that caps the live feeds one key holds open (each holds its permit while connected).</summary>
    public const string LiveFeedPolicy = "live-feeds";

    private static TokenBucketRateLimiterOptions Options(RoleRate rate)
    {
        var (tokens, period) = rate.Refill();
        return new()
        {
            TokenLimit = rate.Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static readonly PathString Inbound = "/api/v1/inbound";

    /// <summary>
    /// A key's bucket, by its role; the inbound webhook's, by source and client address; otherwise the client address's.
    /// The webhook's signature is checked later, at the endpoint: by source alone, anyone's unsigned posts emptied the
    /// bucket of the back-office system itself, and a made-up source name in the path gave each post a fresh bucket.
    /// </summary>
    private static Bucket BucketOf(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments(Inbound, out var rest))
        {
            var source = rest.Value?.TrimStart('/').Split('/')[0] ?? "";
            return InboundMessages.BySource.ContainsKey(source)
                ? new Bucket(ApiRoles.BackOffice, $"inbound:{source}:{http.Connection.RemoteIpAddress}")
                : new Bucket(null, $"address:{http.Connection.RemoteIpAddress}");
        }

        // A person by their subject: display names are not unique.
        if (http.User.Subject() is { } subject)
        {
            return new Bucket(http.User.FindFirst(ClaimTypes.Role)?.Value, $"person:{subject}");
        }

        return http.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? new Bucket(http.User.FindFirst(ClaimTypes.Role)?.Value, $"key:{name}")
            : new Bucket(null, $"address:{http.Connection.RemoteIpAddress}");
    }

    private readonly record struct Bucket(string? Role, string Name);

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = StatusDetails.TooManyRequests($"This key has used its requests or live feeds for now; try again in {retryAfter} s."),
        });
    }
}
