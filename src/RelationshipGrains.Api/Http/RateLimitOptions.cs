namespace RelationshipGrains.Api.Http;

/// <summary>The configuration section <c>RateLimits</c>: a token bucket per API key (per client address without one).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests a key may make per second, sustained.</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Requests a key may make at once after being idle.</summary>
    public int Burst { get; set; } = 400;

    /// <summary>Live feeds (server-sent events) a key may hold open at once.</summary>
    public int LiveFeedsPerKey { get; set; } = 50;
}
