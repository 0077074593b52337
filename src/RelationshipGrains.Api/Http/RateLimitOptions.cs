using RelationshipGrains.Api.Auth;

namespace RelationshipGrains.Api.Http;

/// <summary>
/// The configuration section <c>RateLimits</c>: a token bucket per API key, sized by the key's role; per back-office
/// source for the inbound webhook; per client address for requests without a valid key.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per second, sustained, for a role without figures of its own and for requests without a key.</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Requests at once after being idle, for the same.</summary>
    public int Burst { get; set; } = 400;

    /// <summary>
    /// Figures per role (<c>channel</c>, <c>partner</c>, <c>operator</c>, <c>back-office</c> per source). One channel
    /// key serves a whole channel app and all its users, so it gets far more than one partner's key.
    /// </summary>
    public Dictionary<string, RoleRate> Roles { get; set; } = new(StringComparer.Ordinal)
    {
        [ApiRoles.Channel] = new RoleRate { RequestsPerSecond = 2_000, Burst = 4_000 },
        [ApiRoles.Partner] = new RoleRate { RequestsPerSecond = 50, Burst = 100 },
    };

    /// <summary>Live feeds (server-sent events) a key may hold open at once.</summary>
    public int LiveFeedsPerKey { get; set; } = 50;

    /// <summary>The figures for <paramref name="role"/>, or the general ones.</summary>
    public RoleRate For(string? role) =>
        role is not null && Roles.TryGetValue(role, out var rate) ? rate : new RoleRate { RequestsPerSecond = RequestsPerSecond, Burst = Burst };

    /// <summary>What is wrong with these figures, in the form one types them; empty when nothing is.</summary>
    public IEnumerable<string> Problems()
    {
        if (RequestsPerSecond < 1 || Burst < 1 || LiveFeedsPerKey < 1)
        {
            yield return "RateLimits:RequestsPerSecond, RateLimits:Burst and RateLimits:LiveFeedsPerKey must be 1 or more.";
        }

        foreach (var (role, rate) in Roles.Where(r => r.Value.RequestsPerSecond < 1 || r.Value.Burst < 1))
        {
            yield return $"RateLimits:Roles:{role}:RequestsPerSecond and :Burst must both be set, 1 or more (they are {rate.RequestsPerSecond} and {rate.Burst}).";
        }
    }
}

/// <summary>One role's token bucket: requests per second sustained, and at once after being idle.</summary>
public sealed class RoleRate
{
    public int RequestsPerSecond { get; set; }

    public int Burst { get; set; }
}
