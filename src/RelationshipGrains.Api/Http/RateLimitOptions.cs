using RelationshipGrains.Api.Auth;

namespace RelationshipGrains.Api.Http;

/// <summary>
/// The configuration section <c>RateLimits</c>: a token bucket per API key, sized by the key's role; per back-office
/// source for the inbound webhook; per client address for requests without a valid key.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// Requests per second, sustained, for a role without figures of its own and for requests without a key. Below 1
    /// it is a fraction (0.5 is one request every 2 s); above 1 it is rounded to a whole number.
    /// </summary>
    public double RequestsPerSecond { get; set; } = 200;

    /// <summary>Requests at once after being idle, for the same.</summary>
    public int Burst { get; set; } = 400;

    /// <summary>
    /// Figures per role (<c>channel</c>, <c>partner</c>, <c>operator</c>, <c>customer</c>, <c>back-office</c> per source). One channel
    /// key serves a whole channel app and all its users, so it gets far more than one partner's key.
    /// </summary>
    public Dictionary<string, RoleRate> Roles { get; set; } = new(StringComparer.Ordinal)
    {
        [ApiRoles.Channel] = new RoleRate { RequestsPerSecond = 2_000, Burst = 4_000 },
        [ApiRoles.Partner] = new RoleRate { RequestsPerSecond = 50, Burst = 100 },
        // One person in one browser or app, acting on their own relationship.
        [ApiRoles.Customer] = new RoleRate { RequestsPerSecond = 10, Burst = 30 },
    };

    /// <summary>Live feeds (server-sent events) a key may hold open at once.</summary>
    public int LiveFeedsPerKey { get; set; } = 50;

    /// <summary>The figures for <paramref name="role"/>, or the general ones.</summary>
    public RoleRate For(string? role) =>
        role is not null && Roles.TryGetValue(role, out var rate) ? rate : new RoleRate { RequestsPerSecond = RequestsPerSecond, Burst = Burst };

    /// <summary>What is wrong with these figures, in the form one types them; empty when nothing is.</summary>
    public IEnumerable<string> Problems()
    {
        if (!RoleRate.Refills(RequestsPerSecond) || Burst < 1 || LiveFeedsPerKey < 1)
        {
            yield return "RateLimits:RequestsPerSecond must be above 0 (one request a day at least), and RateLimits:Burst "
                + "and RateLimits:LiveFeedsPerKey 1 or more.";
        }

        foreach (var (role, rate) in Roles.Where(r => !RoleRate.Refills(r.Value.RequestsPerSecond) || r.Value.Burst < 1))
        {
            yield return $"RateLimits:Roles:{role}:RequestsPerSecond must be set above 0 (one request a day at least) and "
                + $":Burst to 1 or more (they are {rate.RequestsPerSecond} and {rate.Burst}).";
        }
    }
}

/// <summary>One role's token bucket: requests per second sustained, and at once after being idle.</summary>
public sealed class RoleRate
{
    private const double OneADay = 1.0 / 86_400;

    /// <summary>Below 1 a fraction (0.5 is one request every 2 s); above 1 rounded to a whole number.</summary>
    public double RequestsPerSecond { get; set; }

    public int Burst { get; set; }

    /// <summary>
    /// The bucket's refill as a token bucket takes it: whole tokens per period. A rate below one a second refills one
    /// token per 1/rate seconds.
    /// </summary>
    public (int Tokens, TimeSpan Period) Refill() => RequestsPerSecond >= 1
        ? ((int)Math.Round(RequestsPerSecond), TimeSpan.FromSeconds(1))
        : (1, TimeSpan.FromSeconds(1 / RequestsPerSecond));

    internal static bool Refills(double requestsPerSecond) =>
        double.IsFinite(requestsPerSecond) && requestsPerSecond >= OneADay && requestsPerSecond <= int.MaxValue;
}
