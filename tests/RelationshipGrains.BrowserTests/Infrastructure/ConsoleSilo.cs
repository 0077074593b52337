using System.Net.Http.Headers;
using Microsoft.Playwright;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.IdentityProvider;

namespace RelationshipGrains.BrowserTests.Infrastructure;

/// <summary>
/// A real silo process (embedded profile) on 127.0.0.1 and Debian's Chromium driven by Playwright, shared by the
/// browser tests. Playwright never downloads a browser here: it launches the system's Chromium by path.
/// </summary>
public sealed class ConsoleSilo : IAsyncLifetime
{
    private SiloProcess? _silo;
    private IPlaywright? _playwright;

    /// <summary>A member of staff at the organisation's provider.</summary>
    public static readonly TestPerson Agent = new("ada", "ada-password", "00uAda|7f3K", "Ada Agent", ["crm-staff"]);

    public const string CustomerAudience = "relationship-grains-customers";

    /// <summary>A customer who signs in to her own relationship.</summary>
    public static readonly TestPerson Customer = new("erin", "erin-password", "cust|erin", "Erin Example", [],
        Audience: CustomerAudience, CustomerId: ApiCall.Id("erin"));

    public IBrowser Browser { get; private set; } = null!;

    public TestIdentityProvider Provider { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public HttpClient Channel { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public static string ChannelKey => ApiKeyOptions.DevelopmentChannelKey;

    public static string OperatorKey => ApiKeyOptions.DevelopmentOperatorKey;

    public static string ScreenshotDirectory { get; } = Path.Combine(Repository.Root(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = ChromiumPath();
        var logs = Path.Combine(Repository.Root(), "artifacts", "browser-tests");
        Directory.CreateDirectory(logs);
        Directory.CreateDirectory(ScreenshotDirectory);

        // Staff sign in at a real provider beside the published development keys, as an organisation would set it up.
        Provider = await TestIdentityProvider.StartAsync([Agent, Customer]);
        _silo = SiloProcess.Start("console-silo", new Dictionary<string, string>
        {
            ["Silo__Profile"] = "Embedded",
            ["Auth__SignIn__Authority"] = Provider.Issuer,
            ["Auth__SignIn__Audience"] = Provider.Audience,
            ["Auth__SignIn__RequireHttpsMetadata"] = "false",
            ["Auth__SignIn__ConsoleClientId"] = TestIdentityProvider.ClientId,
            ["Auth__SignIn__ConsoleScope"] = "openid profile offline_access",
            ["Auth__SignIn__Roles__channel__0"] = "crm-staff",
            ["Auth__SignIn__CustomerAudience"] = CustomerAudience,
        }, logs);
        await _silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        BaseUrl = $"http://127.0.0.1:{_silo.HttpPort}";
        Channel = Client(ChannelKey);
        Operator = Client(OperatorKey);

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // The whole suite shares two cores, so a page may take longer than Playwright's 5 s to catch up.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public string SiloTail() => _silo?.Tail() ?? "";

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Channel?.Dispose();
        Operator?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }

    /// <summary>Debian's Chromium (or <c>RG_CHROMIUM</c>); the test command installs it, so its absence is a failure.</summary>
    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("RG_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Chromium is not installed at {path}. Install Debian's package (apt-get install chromium; infra/test.sh does this) or set RG_CHROMIUM.");
    }
}
