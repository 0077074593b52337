namespace RelationshipGrains.Api.Auth;

/// <summary>The roles an API key carries, and the policies built on them.</summary>
public static class ApiRoles
{
    public const string Channel = "channel";
    public const string Partner = "partner";
    public const string Operator = "operator";

    /// <summary>A back-office system calling the inbound webhook, known by its signature rather than a key.</summary>
    public const string BackOffice = "back-office";

    public static IReadOnlyList<string> All { get; } = [Channel, Partner, Operator];

    /// <summary>Channel apps and operators read and write customer conversations.</summary>
    public const string ChannelPolicy = "channel-or-operator";

    /// <summary>Partners, through the partner API, acting only for themselves.</summary>
    public const string PartnerPolicy = "partner";

    /// <summary>Only operators run the cluster and register partners.</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>Any API key of any role; for the few routes about the key itself.</summary>
    public const string AnyKeyPolicy = "any-key";

    /// <summary>Back-office systems posting signed webhooks.</summary>
    public const string BackOfficePolicy = "back-office";
}
