using Microsoft.Playwright;
using RelationshipGrains.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RelationshipGrains.BrowserTests.Console;

[Collection(ConsoleCollection.Name)]
public sealed class Signing_in(ConsoleSilo silo, ITestOutputHelper output)
{
    [Fact]
    public async Task A_wrong_key_is_refused_with_a_plain_sentence_and_shows_nothing()
    {
        await using var tab = await ConsoleTab.OpenAsync(silo, output);
        await tab.Page.GetByLabel("API key").FillAsync("not-a-key-anybody-was-given");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(tab.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That key is not recognised.");
        await Expect(tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Views" })).ToBeHiddenAsync();
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("sign-in-refused");
    }

    [Fact]
    public async Task The_console_works_from_the_keyboard_alone()
    {
        await using var tab = await ConsoleTab.OpenAsync(silo, output);
        var page = tab.Page;
        // The organisation's sign-in comes first (its field, its button); the key's field is next. The page focuses the
        // first field once it knows the sign-in set-up, so the keys wait for that.
        await Expect(page.GetByLabel("Work e-mail or user name")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("API key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(ConsoleSilo.ChannelKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // From the top of a freshly opened page: the skip link, then the views in order.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Customer 360" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Idea ecology" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Idea ecology" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByLabel("Community")).ToBeVisibleAsync();
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_console_s_pages_refuse_to_be_framed_or_to_run_foreign_script()
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var response = await http.GetAsync("/console/");

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", string.Join(' ', response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/console/../appsettings.json")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/console/js/missing.js")).StatusCode);
    }

    [Fact]
    public async Task Staff_sign_in_at_their_organisation_and_what_they_record_carries_their_name()
    {
        await using var tab = await ConsoleTab.OpenAsync(silo, output);
        var page = tab.Page;
        var customer = ApiCall.Id("signed-in");

        await page.GetByLabel("Work e-mail or user name").FillAsync(ConsoleSilo.Agent.UserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to your organisation's sign-in" }).ClickAsync();

        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Ada Agent (channel)");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/#/customers$"));
        await ApiCall.PostAsync(silo.Channel, $"/api/v1/customers/{customer}/interactions",
            new { interactionId = "first", channel = "phone", direction = "inbound", author = new { kind = "customer" }, text = "Where is my delivery?" });
        await page.GotoAsync($"/console/#/customers/{customer}");
        await page.GetByLabel("What happened").FillAsync("Called to confirm the delivery slot.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Expect(page.GetByText("Called to confirm the delivery slot.")).ToBeVisibleAsync();

        var timeline = await ApiCall.SendAsync(silo.Channel, HttpMethod.Get, $"/api/v1/customers/{customer}/timeline?after=1", null);
        var author = Assert.Single(timeline.GetProperty("entries").EnumerateArray()).GetProperty("author");
        Assert.Equal(ConsoleSilo.Agent.Subject, author.GetProperty("id").GetString());
        Assert.Equal("Ada Agent", author.GetProperty("name").GetString());
        await tab.AssertAccessibleAsync();
        tab.AssertNoConsoleErrors();

        // The access token is renewed with the refresh token once it is refused, without signing in again.
        await page.EvaluateAsync("() => sessionStorage.setItem('rg.console.key', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.expired')");
        await page.ReloadAsync();
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Ada Agent (channel)");

        var refreshToken = await page.EvaluateAsync<string>("() => sessionStorage.getItem('rg.console.refresh-token')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue to your organisation's sign-in" })).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('rg.console.refresh-token')"));

        // Revoked at the provider: a copy taken from the tab before sign-out renews nothing.
        using var provider = new HttpClient { BaseAddress = new Uri(silo.Provider.Issuer) };
        var renewal = await provider.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = IdentityProvider.TestIdentityProvider.ClientId,
        }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, renewal.StatusCode);
        Assert.Contains("revoked", await renewal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_signs_in_to_her_own_relationships_and_revokes_a_consent_with_one_action()
    {
        var customer = ConsoleSilo.Customer.CustomerId!;
        var partner = ApiCall.Id("bikes");
        await ApiCall.PutAsync(silo.Operator, $"/api/v1/partners/{partner}", new { name = "Bikes & Co", categories = new[] { "bikes" } });
        await ApiCall.PutAsync(silo.Channel, $"/api/v1/customers/{customer}/consents/{partner}", new { scopes = new[] { "profile", "intents" } });
        await using var tab = await ConsoleTab.OpenAsync(silo, output);
        var page = tab.Page;

        await page.GetByLabel("Work e-mail or user name").FillAsync(ConsoleSilo.Customer.UserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to your organisation's sign-in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My relationships" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Views" })).ToBeHiddenAsync();
        var grant = page.Locator($"li[data-partner-id='{partner}']");
        await Expect(grant).ToContainTextAsync("Intents");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("my-relationships");
        await grant.GetByRole(AriaRole.Button, new() { Name = $"Revoke {partner}'s consent" }).ClickAsync();

        await Expect(grant).ToHaveCountAsync(0);
        var consents = await ApiCall.SendAsync(silo.Channel, HttpMethod.Get, $"/api/v1/customers/{customer}/consents", null);
        Assert.Empty(consents.EnumerateArray());
        tab.AssertNoConsoleErrors();
    }
}
