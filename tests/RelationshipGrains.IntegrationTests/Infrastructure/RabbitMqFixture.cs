using System.Diagnostics;

namespace RelationshipGrains.IntegrationTests.Infrastructure;

/// <summary>
/// A real RabbitMQ on 127.0.0.1:5672 (guest/guest, loopback only). If it is not there, every test using this fixture
/// fails saying how to start it. It can stop and start the broker inside its node, as an outage would.
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    public const string Host = "127.0.0.1";
    public const int Port = 5672;

    public Task InitializeAsync() => LocalService.RequireAsync("RabbitMQ", Port, "rabbitmq.sh");

    public Task DisposeAsync() => StartBrokerAsync();

    /// <summary>Stops the broker application; its port closes and every connection drops.</summary>
    public Task StopBrokerAsync() => RunAsync("stop-app");

    public Task StartBrokerAsync() => RunAsync("start-app");

    private static async Task RunAsync(string command)
    {
        var script = Path.Combine(Repository.Root(), "infra", "services", "rabbitmq.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'rabbitmq.sh {command}' failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "rabbitmq";
}

/// <summary>
/// The silo kill test, run after every other test and alone: it measures the cluster against the storage's own rate,
/// which tests running beside it would distort, and the broker outage tests must not stop RabbitMQ under it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneWithRabbitMqCollection : ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "alone, with rabbitmq";
}
