namespace RelationshipGrains.Api.Auth;

/// <summary>The roles an API key carries, and the policies built on them.</summary>
public static class ApiRoles
{
    public const string Channel = "channel";
    public const string Partner = "partner";
    public const string Operator = "operator";

    /// <summary>A customer signed in to their own relationship, and nobody else's.</summary>
    public const string Customer = "customer";

    /// <summary>A back-office system calling the inbound webhook, known by its signature rather than a key.</summary>
    public const string BackOffice = "back-office";

    public static IReadOnlyList<string> All { get; } = [Channel, Partner, Operator];

    /// <summary>Channel apps and operators read and write customer conversations.</summary>
    public const string ChannelPolicy = "channel-or-operator";

    /// <summary>Partners, through the partner API, acting only for themselves.</summary>
    public const string PartnerPolicy = "partner";

    /// <summary>
    /// A customer's routes: channel apps and operators, and the customer themselves on the routes opened to them
    /// (<see cref="SignIn.CustomerSelfService"/>), naming their own id.
    /// </summary>
    public const string StaffOrCustomerPolicy = "staff-or-the-customer";

    /// <summary>Data stewardship (export, erasure): operators, and the customer for themselves.</summary>
    public const string OperatorOrCustomerPolicy = "operator-or-the-customer";

    /// <summary>Only operators run the cluster and register partners.</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>
    /// Any API key, or anyone signed in, even without a role here: only for routes about the caller itself, so a person
    /// whose account grants nothing can still learn who they are signed in as.
    /// </summary>
    public const string AnyKeyPolicy = "any-key";

    /// <summary>
    /// The OpenAPI document: whoever builds on the API (channel apps, partners, staff and operators); not customers or
    /// people whose account grants no role here, who build nothing on it.
    /// </summary>
    public const string ContractPolicy = "builders";

    /// <summary>Back-office systems posting signed webhooks.</summary>
    public const string BackOfficePolicy = "back-office";
}
