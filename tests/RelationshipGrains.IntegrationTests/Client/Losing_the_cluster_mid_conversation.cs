using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelationshipGrains.Client;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;

namespace RelationshipGrains.IntegrationTests.Client;

/// <summary>A channel app whose only silo dies mid-conversation gets the product's own error with a retry hint, not Orleans' exceptions.</summary>
public sealed class Losing_the_cluster_mid_conversation
{
    [Fact]
    public async Task A_call_after_the_silo_died_fails_as_unavailable_with_a_retry_hint()
    {
        var logs = Path.Combine(Repository.Root(), "artifacts", "silo-logs");
        await using var silo = SiloProcess.Start("client-outage-silo", new Dictionary<string, string> { ["Silo__Profile"] = "Embedded" }, logs);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RelationshipGrains:Client:Gateways:0"] = $"127.0.0.1:{silo.GatewayPort}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddRelationshipGrainsClient(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var customer = host.Services.GetRequiredService<IRelationshipGrains>().Customer($"outage-{Guid.NewGuid():N}"[..20]);
        var before = await customer.RecordInteractionAsync(new RecordInteraction("before", Channel.Chat, Direction.Inbound, Author.Customer, "Still there?"));

        silo.Kill();
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var refused = await Assert.ThrowsAsync<RelationshipUnavailableException>(() =>
            customer.RecordInteractionAsync(new RecordInteraction("after", Channel.Chat, Direction.Inbound, Author.Customer, "Hello?")));

        Assert.True(before.Created);
        Assert.Equal(2, refused.RetryAfterSeconds);
        Assert.Contains("ICustomerGrain.RecordInteractionAsync", refused.Message);
        Assert.Contains("try again", refused.Message);
    }
}
