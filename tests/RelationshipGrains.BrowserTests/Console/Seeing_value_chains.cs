using Microsoft.Playwright;
using RelationshipGrains.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RelationshipGrains.BrowserTests.Console;

[Collection(ConsoleCollection.Name)]
public sealed class Seeing_value_chains(ConsoleSilo silo, ITestOutputHelper output)
{
    [Fact]
    public async Task The_board_shows_slots_partners_offers_and_follows_fulfilment_live()
    {
        var customer = ApiCall.Id("kim");
        var path = $"/api/v1/customers/{customer}";
        var chainId = ApiCall.Id("kitchen");
        var chain = $"{path}/value-chains/{chainId}";
        using var carpenter = await Partner("carpenter", "furniture");
        using var courier = await Partner("courier", "logistics");
        await ApiCall.PutAsync(silo.Channel, path, new { displayName = "Kim Park" });
        await ApiCall.PostAsync(silo.Channel, $"{path}/value-chains", new
        {
            valueChainId = chainId, title = "New kitchen",
            slots = new object[]
            {
                new { role = "cabinets", requirements = "Oak, 4 m run", constraints = new { maxLeadTimeDays = 30 } },
                new { role = "delivery", constraints = new { maxPrice = new { amount = 200, currency = "EUR" } } },
            },
        });
        await ApiCall.PostAsync(silo.Channel, $"{chain}/slots/cabinets/invitations", new { partnerId = carpenter.Id });
        await ApiCall.PostAsync(silo.Channel, $"{chain}/slots/delivery/invitations", new { partnerId = courier.Id });
        await ApiCall.PostAsync(carpenter.Client, $"/api/v1/partner/value-chains/{chainId}/slots/cabinets/offers", ApiCall.Offer(4200, 21, "fsc"));
        await ApiCall.PostAsync(courier.Client, $"/api/v1/partner/value-chains/{chainId}/slots/delivery/offers", ApiCall.Offer(120, 2));
        await ApiCall.PostAsync(silo.Channel, $"{chain}/slots/cabinets/accept", new { partnerId = carpenter.Id });
        await ApiCall.PostAsync(silo.Channel, $"{chain}/slots/delivery/accept", new { partnerId = courier.Id });
        await ApiCall.PostAsync(silo.Channel, $"{chain}/commit");

        await using var tab = await ConsoleTab.OpenAsync(silo, output);
        await tab.SignInAsync(ConsoleSilo.ChannelKey);
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Value chains" }).ClickAsync();
        await tab.Page.GetByLabel("Customer id").FillAsync(customer);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Show chains" }).ClickAsync();

        var board = tab.Page.GetByRole(AriaRole.Region, new() { Name = "Value chain New kitchen" });
        var cabinets = board.Locator("article.slot[data-role='cabinets']");
        await Expect(board).ToContainTextAsync("Committed");
        await Expect(cabinets).ToContainTextAsync("Oak, 4 m run");
        await Expect(cabinets.Locator(".offers li.accepted")).ToContainTextAsync(carpenter.Id);
        await Expect(cabinets.Locator(".steps li.current")).ToHaveTextAsync("Accepted");
        await Expect(tab.Page.Locator(".live")).ToHaveTextAsync("Live");
        await tab.MarkAsync();

        await ApiCall.PostAsync(carpenter.Client, $"/api/v1/partner/value-chains/{chainId}/slots/cabinets/status", new { status = "in-production" });
        await Expect(cabinets.Locator(".steps li.current")).ToHaveTextAsync("In production");
        await ApiCall.PostAsync(courier.Client, $"/api/v1/partner/value-chains/{chainId}/slots/delivery/status", new { status = "failed" });
        await Expect(board.Locator("article.slot[data-role='delivery']")).ToContainTextAsync("Fulfilment failed");

        await tab.AssertNotReloadedAsync();
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("value-chains");
        tab.AssertNoConsoleErrors();
    }

    private async Task<PartnerKey> Partner(string name, string category)
    {
        var id = ApiCall.Id(name);
        await ApiCall.PutAsync(silo.Operator, $"/api/v1/partners/{id}", new { name, categories = new[] { category } });
        var key = await ApiCall.PostAsync(silo.Operator, $"/api/v1/partners/{id}/keys");
        return new PartnerKey(id, silo.Client(key.GetProperty("key").GetString()!));
    }

    private sealed record PartnerKey(string Id, HttpClient Client) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }
}
