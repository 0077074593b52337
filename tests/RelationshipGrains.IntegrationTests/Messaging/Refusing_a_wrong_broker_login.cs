using RelationshipGrains.IntegrationTests.Infrastructure;

namespace RelationshipGrains.IntegrationTests.Messaging;

/// <summary>
/// A broker that refuses the login faults MassTransit's start for good (it retries only a broker it cannot reach): the
/// silo must stop saying which settings to fix, not run on without a bus.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class Refusing_a_wrong_broker_login
{
    [Fact]
    public async Task A_silo_whose_broker_refuses_its_password_stops_with_code_1_naming_the_settings()
    {
        var logs = Directory.CreateTempSubdirectory("rg-broker-login-").FullName;
        await using var silo = SiloProcess.Start("wrong-login", new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Memory",
            ["Messaging__Transport"] = "RabbitMq",
            ["Messaging__RabbitMq__Host"] = RabbitMqFixture.Host,
            ["Messaging__RabbitMq__Port"] = RabbitMqFixture.Port.ToString(),
            ["Messaging__RabbitMq__Username"] = "guest",
            ["Messaging__RabbitMq__Password"] = "not-the-password",
            ["Messaging__QueuePrefix"] = $"login-{Guid.NewGuid():N}"[..14],
        }, logs);

        Assert.Equal(1, await silo.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains(
            "RabbitMQ at 127.0.0.1:5672 refused the login of user 'guest': check Messaging__RabbitMq__Username and Messaging__RabbitMq__Password. "
            + "The silo stops: without the bus it cannot relay its grains' events.",
            File.ReadAllText(silo.LogPath));
    }
}
