using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Client;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;

namespace RelationshipGrains.IntegrationTests.Client;

/// <summary>
/// A channel app whose only silo dies mid-conversation gets the product's own error with a retry hint, not Orleans'
/// exceptions; its health check turns unhealthy; its log says so once.
/// </summary>
public sealed class Losing_the_cluster_mid_conversation
{
    private static async Task<SiloProcess> StartSiloAsync(string name)
    {
        var silo = SiloProcess.Start(name, new Dictionary<string, string> { ["Silo__Profile"] = "Embedded" },
            Path.Combine(Repository.Root(), "artifacts", "silo-logs"));
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>A channel app's host, its warnings and above in <paramref name="logs"/>.</summary>
    private static async Task<IHost> StartClientAsync(SiloProcess silo, LogLines logs)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RelationshipGrains:Client:Gateways:0"] = $"127.0.0.1:{silo.GatewayPort}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Logging.AddProvider(logs);
        builder.Services.AddRelationshipGrainsClient(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task A_client_stopped_on_purpose_logs_no_outage()
    {
        await using var silo = await StartSiloAsync("client-stop-silo");
        var logs = new LogLines();
        using var host = await StartClientAsync(silo, logs);
        var recorded = await host.Services.GetRequiredService<IRelationshipGrains>().Customer($"stop-{Guid.NewGuid():N}"[..20])
            .RecordInteractionAsync(new RecordInteraction("bye", Channel.Chat, Direction.Inbound, Author.Customer, "Closing up"));

        await host.StopAsync();

        Assert.True(recorded.Created);
        Assert.Empty(logs.Lines);
    }

    [Fact]
    public async Task A_call_after_the_silo_died_fails_as_unavailable_with_a_retry_hint_and_the_outage_is_logged_once()
    {
        await using var silo = await StartSiloAsync("client-outage-silo");
        var logs = new LogLines();
        using var host = await StartClientAsync(silo, logs);
        var grains = host.Services.GetRequiredService<IRelationshipGrains>();
        var prefix = $"outage-{Guid.NewGuid():N}"[..20];
        var customer = grains.Customer(prefix);
        var before = await customer.RecordInteractionAsync(new RecordInteraction("before", Channel.Chat, Direction.Inbound, Author.Customer, "Still there?"));

        var healthy = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        // Calls one after another across the kill, so one is almost always waiting for its answer when the silo dies:
        // Orleans' client alone leaves such a call waiting out its 30 s response timeout. Each to a customer of its
        // own: one customer may record 120 interactions a minute, and back-to-back calls reach that within 300 ms.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var killedAt = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = Task.Run(async () =>
        {
            for (var n = 0; ; n++)
            {
                try
                {
                    await grains.Customer($"{prefix}-{n}").RecordInteractionAsync(
                        new RecordInteraction($"stream-{n}", Channel.Chat, Direction.Inbound, Author.Customer, "Typing..."));
                }
                catch (RelationshipUnavailableException) when (killedAt.Task.IsCompleted)
                {
                    return clock.Elapsed - killedAt.Task.Result;
                }
            }
        });
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        killedAt.SetResult(clock.Elapsed);
        silo.Kill();
        var streamFailedAfter = await stream.WaitAsync(TimeSpan.FromSeconds(60));
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var refused = await Assert.ThrowsAsync<RelationshipUnavailableException>(() =>
            customer.RecordInteractionAsync(new RecordInteraction("after", Channel.Chat, Direction.Inbound, Author.Customer, "Hello?")));
        var unhealthy = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        // A channel app keeps calling through an outage: each call fails plainly, and the client reconnects behind them.
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<RelationshipUnavailableException>(() => customer.GetTimelineAsync(new TimelineQuery()));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        Assert.True(streamFailedAfter < TimeSpan.FromSeconds(10), $"The call in flight when the silo died failed only {streamFailedAfter.TotalSeconds:0.0} s after the kill.");
        Assert.True(before.Created);
        Assert.Equal(2, refused.RetryAfterSeconds);
        Assert.Contains("ICustomerGrain.RecordInteractionAsync", refused.Message);
        Assert.Contains("try again", refused.Message);
        Assert.Equal(HealthStatus.Healthy, healthy.Entries["relationship-grains"].Status);
        var outage = unhealthy.Entries["relationship-grains"];
        Assert.Equal(HealthStatus.Unhealthy, outage.Status);
        Assert.StartsWith("The RelationshipGrains cluster 'relationship-grains' did not answer", outage.Description, StringComparison.Ordinal);
        var orleansWarnings = logs.Entries.Where(e => e.Category.StartsWith("Orleans", StringComparison.Ordinal)).Select(e => $"{e.Level} {e.Category}: {e.Message}").ToList();
        Assert.True(orleansWarnings.Count == 0, "Orleans' own warnings reached the app's log:\n" + string.Join("\n", orleansWarnings));
        Assert.Single(logs.Lines, l => l.StartsWith("Lost the connection to the RelationshipGrains cluster 'relationship-grains' (127.0.0.1:", StringComparison.Ordinal));
    }
}
