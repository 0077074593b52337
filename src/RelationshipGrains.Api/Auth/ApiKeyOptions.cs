namespace RelationshipGrains.Api.Auth;

/// <summary>The configuration section <c>Auth</c>: the API keys the HTTP API accepts.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    /// <summary>Published in the README for the embedded profile; refused everywhere else.</summary>
    public const string DevelopmentOperatorKey = "rg-dev-operator-key-not-for-production";

    /// <summary>Published in the README for the embedded profile; refused everywhere else.</summary>
    public const string DevelopmentChannelKey = "rg-dev-channel-key-not-for-production";

    public static IReadOnlyList<string> DevelopmentKeys { get; } = [DevelopmentOperatorKey, DevelopmentChannelKey];

    public List<ApiKeyEntry> Keys { get; set; } = [];
}
