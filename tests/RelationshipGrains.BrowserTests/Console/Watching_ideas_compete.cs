using Microsoft.Playwright;
using RelationshipGrains.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RelationshipGrains.BrowserTests.Console;

[Collection(ConsoleCollection.Name)]
public sealed class Watching_ideas_compete(ConsoleSilo silo, ITestOutputHelper output)
{
    [Fact]
    public async Task Votes_reorder_the_ranking_and_a_selection_round_moves_ideas_between_columns_while_the_page_stays_open()
    {
        var slug = ApiCall.Id("chairs");
        var community = $"/api/v1/communities/{slug}";
        await ApiCall.PutAsync(silo.Operator, community, new
        {
            name = "Chair makers",
            topics = new[] { "chairs", "furniture" },
            settings = new { roundPeriodHours = 8760, shortlistPerRound = 1, selectPerRound = 1 },
            rules = new[] { new { name = "cost-ceiling", attribute = "unit-cost", kind = "max", number = 50.0 } },
        });
        var members = Enumerable.Range(0, 4).Select(i => ApiCall.Id($"m{i}")).ToArray();
        foreach (var member in members)
        {
            await ApiCall.PostAsync(silo.Channel, $"{community}/members", new { customerId = member });
        }

        var stacking = ApiCall.Id("stacking");
        var rocking = ApiCall.Id("rocking");
        var throne = ApiCall.Id("throne");
        await Propose(stacking, members[0], "Stacking chair", 35);
        await Propose(rocking, members[1], "Rocking chair", 45);
        await Propose(throne, members[2], "Gold throne", 900);
        await ApiCall.PostAsync(silo.Channel, $"/api/v1/ideas/{stacking}/votes", new { customerId = members[0], value = 1 });
        await ApiCall.PostAsync(silo.Channel, $"/api/v1/ideas/{stacking}/votes", new { customerId = members[1], value = 1 });
        await ApiCall.PostAsync(silo.Channel, $"/api/v1/ideas/{stacking}/forks", new
        {
            customerId = members[3], ideaId = ApiCall.Id("fork"), title = "Stacking chair in oak",
            attributes = new { numbers = new Dictionary<string, double> { ["unit-cost"] = 48 } },
        });

        await using var tab = await ConsoleTab.OpenAsync(silo, output);
        await tab.SignInAsync(ConsoleSilo.ChannelKey);
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Idea ecology" }).ClickAsync();
        await tab.Page.GetByLabel("Community").FillAsync(slug);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();

        var rows = tab.Page.Locator("table.ranking tbody tr");
        await Expect(rows.First).ToHaveAttributeAsync("data-idea-id", stacking);
        await Expect(tab.Page.Locator($"table.ranking tr[data-idea-id='{throne}'] .badge.fail")).ToContainTextAsync("cost-ceiling");
        await Expect(tab.Page.Locator($"table.ranking tr[data-idea-id='{stacking}'] .badge.ok")).ToContainTextAsync("cost-ceiling");
        await Expect(tab.Page.Locator($"table.ranking tr[data-idea-id='{stacking}'] .lineage")).ToContainTextAsync("forks: Stacking chair in oak");
        await tab.MarkAsync();

        foreach (var member in members)
        {
            await ApiCall.PostAsync(silo.Channel, $"/api/v1/ideas/{rocking}/votes", new { customerId = member, value = 1 });
        }

        await Expect(rows.First).ToHaveAttributeAsync("data-idea-id", rocking);
        await Expect(rows.First.Locator("td").Nth(2)).ToContainTextAsync("4 (4, 0 expert)");

        await ApiCall.PostAsync(silo.Operator, $"{community}/rounds");
        var shortlisted = tab.Page.GetByRole(AriaRole.Listitem, new() { Name = "Shortlisted: 1" });
        await Expect(shortlisted).ToContainTextAsync("Rocking chair");
        await Expect(tab.Page.Locator("#card-last-selection-round ~ *").First).ToContainTextAsync("Round 1");
        await Expect(tab.Page.Locator("ol.activity")).ToContainTextAsync("Round 1");

        await tab.AssertNotReloadedAsync();
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("idea-ecology");
        tab.AssertNoConsoleErrors();

        async Task Propose(string ideaId, string member, string title, double cost) =>
            await ApiCall.PostAsync(silo.Channel, $"{community}/ideas", new
            {
                customerId = member, ideaId, title,
                attributes = new { numbers = new Dictionary<string, double> { ["unit-cost"] = cost } },
            });
    }
}
