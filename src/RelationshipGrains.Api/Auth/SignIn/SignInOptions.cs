namespace RelationshipGrains.Api.Auth.SignIn;

/// <summary>
/// The configuration section <c>Auth:SignIn</c>: staff sign in through the organisation's OpenID Connect provider and
/// call the API with its access tokens. Off while <see cref="Authority"/> is empty; API keys stay for machines.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "Auth:SignIn";

    /// <summary>The provider's issuer URL; its discovery document and signing keys are read from there.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience an access token must name (the provider's identifier for this API).</summary>
    public string Audience { get; set; } = "relationship-grains";

    /// <summary>
    /// The audience of customers' access tokens: a customer signed in at the same provider acts on their own
    /// relationship only. Customers' sign-in is off while it is empty.
    /// </summary>
    public string? CustomerAudience { get; set; }

    /// <summary>The claim in a customer's access token that holds their customer id here.</summary>
    public string CustomerIdClaim { get; set; } = "customer_id";

    /// <summary>The claim that carries a person's groups or roles in the access token.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim with the person's display name; the subject (<c>sub</c>) identifies them.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>
    /// Which values of <see cref="RoleClaim"/> grant each of our staff roles (<c>channel</c>, <c>operator</c>); a
    /// role left out is granted by a value equal to its own name.
    /// </summary>
    public Dictionary<string, List<string>> Roles { get; set; } = [];

    /// <summary>
    /// The console's client id at the provider (a public client using the authorization code with PKCE, its redirect
    /// URI this silo's <c>/console/</c>); the console offers sign-in when it is set.
    /// </summary>
    public string? ConsoleClientId { get; set; }

    /// <summary>
    /// The Orleans dashboard's client id at the provider (the authorization code with PKCE, its redirect URI this
    /// silo's <c>/dashboard/signin-oidc</c>): operators then open the dashboard by signing in, and the API key as a
    /// Basic password is no longer asked for.
    /// </summary>
    public string? DashboardClientId { get; set; }

    /// <summary>The dashboard client's secret, where the provider registers it as a confidential client.</summary>
    public string? DashboardClientSecret { get; set; }

    /// <summary>The scopes the console asks for; some providers need the API's own scope here to issue a token for it.</summary>
    public string ConsoleScope { get; set; } = "openid profile";

    /// <summary>Only for a provider on this machine during development or tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How far the provider's clock may be from ours when a token's lifetime is checked.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public bool ConsoleEnabled => Enabled && !string.IsNullOrWhiteSpace(ConsoleClientId);

    public bool DashboardEnabled => Enabled && !string.IsNullOrWhiteSpace(DashboardClientId);

    public bool CustomersEnabled => Enabled && !string.IsNullOrWhiteSpace(CustomerAudience);

    /// <summary>The roles a person may hold, strongest first: partners use their own keys, never a staff sign-in.</summary>
    public static IReadOnlyList<string> StaffRoles { get; } = [ApiRoles.Operator, ApiRoles.Channel];

    /// <summary>The claim values that grant <paramref name="role"/>.</summary>
    public IReadOnlyList<string> ValuesFor(string role) => Roles.TryGetValue(role, out var values) ? values : [role];
}
