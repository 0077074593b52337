using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RelationshipGrains.IntegrationTests.Infrastructure;
using RelationshipGrains.Silo.Observability;

namespace RelationshipGrains.IntegrationTests.Storage;

/// <summary>A cluster silo is ready only while both places its journals live answer: the blob container and the table.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class Probing_the_journal_storage(AzuriteFixture azurite)
{
    private static HealthCheckContext Context(IHealthCheck check) =>
        new() { Registration = new HealthCheckRegistration("grain-storage", check, HealthStatus.Unhealthy, ["ready"]) };

    private static GrainStorageHealthCheck Check(string container, string table, string? tableGrainTypes = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = AzuriteFixture.ConnectionString,
            ["Storage:AzureBlob:JournalContainerName"] = container,
            ["Storage:AzureBlob:JournalTableName"] = table,
        };
        if (tableGrainTypes is not null)
        {
            settings["Storage:AzureBlob:TableJournalGrainTypes"] = tableGrainTypes;
        }

        return new GrainStorageHealthCheck(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    [Fact]
    public async Task A_missing_journal_table_makes_the_silo_unready_until_it_is_there()
    {
        var container = AzuriteFixture.NewContainerName();
        await azurite.Service.GetBlobContainerClient(container).CreateAsync();
        var table = $"probe{Guid.NewGuid():N}";
        var check = Check(container, table);

        var missing = await check.CheckHealthAsync(Context(check));
        await new TableServiceClient(AzuriteFixture.ConnectionString).GetTableClient(table).CreateAsync();
        var present = await check.CheckHealthAsync(Context(check));

        // With no grain type's journal in a table, the table is not asked about.
        var blobsOnly = Check(container, $"absent{Guid.NewGuid():N}", tableGrainTypes: "");
        var withoutTables = await blobsOnly.CheckHealthAsync(Context(blobsOnly));

        Assert.Equal(HealthStatus.Unhealthy, missing.Status);
        Assert.Contains($"table '{table}'", missing.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, present.Status);
        Assert.Equal(HealthStatus.Healthy, withoutTables.Status);
        Assert.DoesNotContain("table", withoutTables.Description, StringComparison.Ordinal);
    }
}
