using RelationshipGrains.IdentityProvider;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>
/// A silo whose API takes staff sign-in from a real OpenID Connect provider on 127.0.0.1, beside a second provider
/// it does not trust. The organisation's groups are named as an organisation would name them, not as our roles.
/// </summary>
public sealed class SignInFixture : IAsyncLifetime
{
    public static readonly TestPerson Agent = new("ada", "ada-password", "00uAda|7f3K", "Ada Agent", ["crm-staff"]);
    public static readonly TestPerson Supervisor = new("olu", "olu-password", "00uOlu|9q1Z", "Olu Supervisor", ["crm-staff", "crm-operators"]);
    public static readonly TestPerson Marketer = new("mia", "mia-password", "00uMia|2b8C", "Mia Marketer", ["marketing"]);
    public static readonly TestPerson Brief = new("bo", "bo-password", "00uBo|5d4E", "Bo Brief", ["crm-staff"], TimeSpan.FromSeconds(6));

    /// <summary>A staff-audience token that also carries a customer id and an operators' group: a customer's, so no staff role.</summary>
    public static readonly TestPerson Mixed = new("max", "max-password", "00uMax|1a2B", "Max Mixed", ["crm-operators"], CustomerId: "max");

    /// <summary>The audience of customers' own tokens at the same provider.</summary>
    public const string CustomerAudience = "relationship-grains-customers";

    /// <summary>A customer signed in to their own relationship; their groups must grant them nothing more.</summary>
    public static readonly TestPerson Erin = new("erin", "erin-password", "cust|erin", "Erin Example", ["crm-operators"],
        Audience: CustomerAudience, CustomerId: Keys.Customer("erin"));

    /// <summary>Another customer, whose relationship Erin's token must never reach.</summary>
    public static readonly TestPerson Finn = new("finn", "finn-password", "cust|finn", "Finn Other", [],
        Audience: CustomerAudience, CustomerId: Keys.Customer("finn"));

    /// <summary>A customer who assembles a value chain and then asks to be erased.</summary>
    public static readonly TestPerson Gale = new("gale", "gale-password", "cust|gale", "Gale Leaving", [],
        Audience: CustomerAudience, CustomerId: Keys.Customer("gale"));

    /// <summary>A customer audience token without a customer id.</summary>
    public static readonly TestPerson Nobody = new("nobody", "nobody-password", "cust|nobody", "No Body", [], Audience: CustomerAudience);

    public TestIdentityProvider Provider { get; private set; } = null!;

    /// <summary>A provider the API was not configured with, knowing the same people.</summary>
    public TestIdentityProvider Foreign { get; private set; } = null!;

    public ApiFixture Api { get; } = new();

    public async Task InitializeAsync()
    {
        TestPerson[] people = [Agent, Supervisor, Marketer, Brief, Mixed, Erin, Finn, Gale, Nobody];
        // The dashboard's sign-in sends no login_hint: the provider's page signs in the supervisor.
        Provider = await TestIdentityProvider.StartAsync(people, signedIn: Supervisor);
        Foreign = await TestIdentityProvider.StartAsync(people);
        Api.Settings["Auth:SignIn:Authority"] = Provider.Issuer;
        // As outside the embedded profile, where the contract is for those who build on the API.
        Api.Settings["Api:AnonymousOpenApi"] = "false";
        Api.Settings["Auth:SignIn:Audience"] = Provider.Audience;
        Api.Settings["Auth:SignIn:RequireHttpsMetadata"] = "false";
        Api.Settings["Auth:SignIn:ClockSkew"] = "00:00:00";
        Api.Settings["Auth:SignIn:ConsoleClientId"] = TestIdentityProvider.ClientId;
        Api.Settings["Auth:SignIn:CustomerAudience"] = CustomerAudience;
        Api.Settings["Auth:SignIn:DashboardClientId"] = TestIdentityProvider.ClientId;
        // A customer's own bucket (30 at once) is for one person; the sweeps here call every route in a row.
        Api.Settings["RateLimits:Roles:customer:RequestsPerSecond"] = "1000";
        Api.Settings["RateLimits:Roles:customer:Burst"] = "1000";
        Api.Settings["Auth:SignIn:Roles:channel:0"] = "crm-staff";
        Api.Settings["Auth:SignIn:Roles:operator:0"] = "crm-operators";
        _ = Api.Server;
    }

    public HttpClient ClientFor(string accessToken) => Api.ClientWithKey(accessToken);

    public async Task<HttpClient> SignedIn(TestPerson person) => ClientFor(await Provider.AccessTokenAsync(person));

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Provider.DisposeAsync();
        await Foreign.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SignInCollection : ICollectionFixture<SignInFixture>
{
    public const string Name = "sign-in";
}
