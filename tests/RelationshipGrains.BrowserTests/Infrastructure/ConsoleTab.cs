using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RelationshipGrains.BrowserTests.Infrastructure;

/// <summary>One browser tab on the console: records every console error and uncaught exception, and takes screenshots.</summary>
public sealed class ConsoleTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _errors = [];

    private ConsoleTab(IBrowserContext context, IPage page, ITestOutputHelper output)
    {
        _context = context;
        Page = page;
        _output = output;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"uncaught: {error}");
            }
        };
    }

    public IPage Page { get; }

    public static async Task<ConsoleTab> OpenAsync(ConsoleSilo silo, ITestOutputHelper output, int width = 1440, int height = 900)
    {
        var context = await silo.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = silo.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var tab = new ConsoleTab(context, page, output);
        await page.GotoAsync("/console");
        return tab;
    }

    public async Task SignInAsync(string key, string? staffId = null)
    {
        await Page.GetByLabel("API key").FillAsync(key);
        if (staffId is not null)
        {
            await Page.GetByLabel("Your staff id").FillAsync(staffId);
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Marks the page so a later check can tell it was never reloaded.</summary>
    public Task MarkAsync() => Page.EvaluateAsync("() => { window.__notReloaded = true; }");

    public async Task AssertNotReloadedAsync() =>
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "The page was reloaded.");

    public async Task<string> ScreenshotAsync(string name)
    {
        // Let the arrival highlight fade so the picture shows the page at rest.
        await Page.WaitForTimeoutAsync(2100);
        var path = Path.Combine(ConsoleSilo.ScreenshotDirectory, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _output.WriteLine($"Screenshot: {path}");
        return path;
    }

    public async Task AssertAccessibleAsync()
    {
        var problems = await Page.EvaluateAsync<string[]>(Accessibility.Script);
        Assert.True(problems.Length == 0, "Accessibility problems:\n" + string.Join('\n', problems));
    }

    public void AssertNoConsoleErrors()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "The page logged errors:\n" + string.Join('\n', _errors));
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
