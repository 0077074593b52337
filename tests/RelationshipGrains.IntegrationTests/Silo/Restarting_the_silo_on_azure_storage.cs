using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RelationshipGrains.IntegrationTests.Infrastructure;

namespace RelationshipGrains.IntegrationTests.Silo;

/// <summary>
/// The silo executable with <c>Storage:Provider=AzureBlob</c>: stopped and started again, it has lost nothing, and its
/// reminders (selection rounds, the outbox's wake-up) are in the account's tables, not in the process.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class Restarting_the_silo_on_azure_storage(AzuriteFixture azurite)
{
    private const string Key = "integration-channel-key-0123456789";

    private sealed class SiloOnAzure(string container) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "AzureBlob");
            builder.UseSetting("Storage:AzureBlob:ConnectionString", AzuriteFixture.ConnectionString);
            builder.UseSetting("Storage:AzureBlob:ContainerName", container);
            builder.UseSetting("Silo:SiloPort", FreePorts.Next().ToString());
            builder.UseSetting("Silo:GatewayPort", FreePorts.Next().ToString());
            builder.UseSetting("Silo:ClusterId", container);
            builder.UseSetting("Auth:Keys:0:Name", "integration");
            builder.UseSetting("Auth:Keys:0:Role", "channel");
            builder.UseSetting("Auth:Keys:0:Key", Key);
        }

        public HttpClient Api()
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            return client;
        }
    }

    [Fact]
    public async Task Every_acknowledged_interaction_is_there_after_the_silo_stops_and_starts()
    {
        var container = AzuriteFixture.NewContainerName();
        var customerId = $"c-{Guid.NewGuid():N}";
        var customer = $"/api/v1/customers/{customerId}";
        List<long> acknowledged = [];
        await using (var first = new SiloOnAzure(container))
        {
            var api = first.Api();
            for (var i = 1; i <= 30; i++)
            {
                var response = await api.PostAsJsonAsync($"{customer}/interactions",
                    new { interactionId = $"i-{i}", channel = "web", direction = "inbound", author = new { kind = "customer" }, text = $"message {i}" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64());
            }
        }

        // A stopping silo writes nothing more, and the customer's outbox keeps its wake-up reminder for the next one.
        var reminders = await new TableServiceClient(AzuriteFixture.ConnectionString).GetTableClient("OrleansReminders")
            .QueryAsync<TableEntity>().Where(r => r.RowKey.Contains(customerId, StringComparison.Ordinal)).Select(r => r.RowKey).ToListAsync();

        await using var second = new SiloOnAzure(container);
        var page = await second.Api().GetFromJsonAsync<JsonElement>($"{customer}/timeline?after=0&limit=200");

        Assert.Contains(reminders, key => key.Contains("outbox-relay", StringComparison.Ordinal));
        Assert.Equal(acknowledged, page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.True(await azurite.Service.GetBlobContainerClient(container).ExistsAsync());
    }
}
