using Microsoft.Playwright;
using RelationshipGrains.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RelationshipGrains.BrowserTests.Console;

[Collection(ConsoleCollection.Name)]
public sealed class Operating_the_cluster(ConsoleSilo silo, ITestOutputHelper output)
{
    [Fact]
    public async Task Operators_see_the_silo_and_its_activations_by_grain_type_with_a_link_to_the_dashboard()
    {
        var customer = ApiCall.Id("ops");
        await ApiCall.PostAsync(silo.Channel, $"/api/v1/customers/{customer}/interactions", new
        {
            interactionId = "ping", channel = "web", direction = "inbound", author = new { kind = "customer" }, text = "Hello",
        });

        await using var tab = await ConsoleTab.OpenAsync(silo, output);
        await tab.SignInAsync(ConsoleSilo.OperatorKey);
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();

        await Expect(tab.Page.Locator("#card-silos + div table tbody tr")).ToHaveCountAsync(1);
        await Expect(tab.Page.Locator("#card-silos + div table tbody tr")).ToContainTextAsync("Active");
        await Expect(tab.Page.Locator("#card-activations-by-grain-type + div table")).ToContainTextAsync("CustomerGrain");
        // The second reading gives rates, which need two snapshots.
        await Expect(tab.Page.Locator("#card-silos + div table tbody td").Nth(8)).ToContainTextAsync("/s", new() { Timeout = 15_000 });
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Open the Orleans dashboard" })).ToHaveAttributeAsync("href", "/dashboard/");
        // Keys are machines: what they change is not a person's, so the audit of people's changes stays empty.
        await Expect(tab.Page.GetByRole(AriaRole.Region, new() { Name = "Staff changes (audit)" })).ToContainTextAsync("No signed-in member of staff has changed anything");

        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("operations");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_channel_key_is_not_offered_operations()
    {
        await using var tab = await ConsoleTab.OpenAsync(silo, output);
        await tab.SignInAsync(ConsoleSilo.ChannelKey);

        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Customer 360" })).ToBeVisibleAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Operations" })).ToBeHiddenAsync();
        tab.AssertNoConsoleErrors();
    }
}
