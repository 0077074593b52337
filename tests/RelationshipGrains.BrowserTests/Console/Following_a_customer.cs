using Microsoft.Playwright;
using RelationshipGrains.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RelationshipGrains.BrowserTests.Console;

[Collection(ConsoleCollection.Name)]
public sealed class Following_a_customer(ConsoleSilo silo, ITestOutputHelper output)
{
    [Fact]
    public async Task What_the_api_records_appears_on_the_open_customer_without_a_reload_and_staff_can_record_too()
    {
        var customer = ApiCall.Id("ada");
        var partner = ApiCall.Id("bikes");
        var path = $"/api/v1/customers/{customer}";
        await ApiCall.PutAsync(silo.Operator, $"/api/v1/partners/{partner}", new { name = "Bike shop", categories = new[] { "bikes" } });
        await ApiCall.PutAsync(silo.Channel, path, new
        {
            displayName = "Ada Lovelace", language = "en", tags = new[] { "vip" },
            contactPoints = new[] { new { channel = "email", address = $"{customer}@example.com" } },
        });
        await ApiCall.PostAsync(silo.Channel, $"{path}/interactions", new
        {
            interactionId = "late-order", kind = "service-case", channel = "email", direction = "inbound",
            author = new { kind = "customer" }, topic = "Late order", text = "My order has not arrived.",
        });
        await ApiCall.PutAsync(silo.Channel, $"{path}/consents/{partner}", new { scopes = new[] { "profile", "intents" } });
        await ApiCall.PostAsync(silo.Channel, $"{path}/intents", new
        {
            intentId = "cargo-bike", text = "A cargo bike for two children", category = "bikes", budget = new { amount = 5000, currency = "EUR" },
        });

        await using var tab = await ConsoleTab.OpenAsync(silo, output);
        await tab.SignInAsync(ConsoleSilo.ChannelKey, "grace");
        await tab.Page.GetByLabel("Find a customer").FillAsync("lovelace");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        var found = tab.Page.Locator(".results-list li", new() { HasText = customer });
        await Expect(found).ToContainTextAsync($"{customer}@example.com");
        await tab.ScreenshotAsync("customer-search");
        await found.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" }).ClickAsync();

        var timeline = tab.Page.GetByRole(AriaRole.List, new() { Name = "Timeline, newest first" });
        await Expect(tab.Page.Locator(".name")).ToHaveTextAsync("Ada Lovelace");
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = $"Customer {customer}" })).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("#card-consent-grants + ul")).ToContainTextAsync(partner);
        await Expect(tab.Page.Locator("#card-intents + ul")).ToContainTextAsync("A cargo bike for two children");
        await Expect(timeline).ToContainTextAsync("My order has not arrived.");
        await Expect(tab.Page.Locator(".live")).ToHaveTextAsync("Live");
        await tab.MarkAsync();

        await ApiCall.PostAsync(silo.Channel, $"{path}/interactions", new
        {
            interactionId = "chat-1", channel = "chat", direction = "inbound", author = new { kind = "customer" },
            text = "Any news on my delivery?",
        });
        var arrived = timeline.Locator("li.entry").First;
        await Expect(arrived).ToContainTextAsync("Any news on my delivery?");

        await tab.Page.GetByLabel("Kind").SelectOptionAsync("service-case");
        await tab.Page.GetByLabel("Channel").SelectOptionAsync("phone");
        await tab.Page.GetByLabel("Direction").SelectOptionAsync("outbound");
        await tab.Page.GetByLabel("Topic").FillAsync("Late order");
        await tab.Page.GetByLabel("What happened").FillAsync("Called back: the parcel leaves the warehouse today.");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Expect(timeline.Locator("li.entry").First).ToContainTextAsync("Called back: the parcel leaves the warehouse today.");
        await Expect(timeline.Locator("li.entry").First).ToContainTextAsync("Staff grace");

        await tab.AssertNotReloadedAsync();
        var stored = await silo.Channel.GetStringAsync($"{path}/timeline?limit=1");
        Assert.Contains("Called back: the parcel leaves the warehouse today.", stored);
        Assert.Contains("\"grace\"", stored);
        Assert.Equal(1, await timeline.Locator("li.entry", new() { HasText = "Any news on my delivery?" }).CountAsync());
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("customer-360");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_customer_opened_on_a_phone_fits_the_screen()
    {
        var customer = ApiCall.Id("phone");
        await ApiCall.PutAsync(silo.Channel, $"/api/v1/customers/{customer}", new { displayName = "Mo Bile" });
        await ApiCall.PostAsync(silo.Channel, $"/api/v1/customers/{customer}/interactions", new
        {
            interactionId = "hello", channel = "web", direction = "inbound", author = new { kind = "customer" },
            text = "A long message without spaces: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        });

        await using var tab = await ConsoleTab.OpenAsync(silo, output, width: 390, height: 844);
        await tab.SignInAsync(ConsoleSilo.ChannelKey);
        await tab.Page.GotoAsync($"/console/#/customers/{customer}");
        await Expect(tab.Page.Locator(".timeline li.entry")).ToHaveCountAsync(2);

        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("customer-360-phone");
        tab.AssertNoConsoleErrors();
    }
}
