using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Tests.Configuration;

/// <summary>
/// The embedded silo on its data folder keeps reminders across a restart, so it keeps the outbox's wake-up reminder
/// too: without it, events a kill -9 left in a grain's journal waited until someone next called that grain.
/// </summary>
public sealed class Waking_outboxes_on_the_embedded_silo
{
    private sealed class Builder(IConfiguration configuration) : ISiloBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();

        public IConfiguration Configuration { get; } = configuration;
    }

    private static bool WakeUpReminder(string? provider)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(provider is null ? [] : [new KeyValuePair<string, string?>("Storage:Provider", provider)])
            .Build();
        var silo = new Builder(configuration);

        EmbeddedProfile.ConfigureSilo(silo, new SiloOptions(), configuration);

        using var services = silo.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<OutboxOptions>>().Value.WakeUpReminder;
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("LocalFiles", true)]
    [InlineData("Memory", false)]
    [InlineData("AzureBlob", true)]
    public void Outboxes_keep_their_wake_up_reminder_where_reminders_survive_a_restart(string? provider, bool kept) =>
        Assert.Equal(kept, WakeUpReminder(provider));
}
