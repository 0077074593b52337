using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace RelationshipGrains.IntegrationTests.Infrastructure;

/// <summary>A real Azurite on 127.0.0.1:10000. If it is not there, every test using this fixture fails saying how to start it.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    public BlobServiceClient Service { get; } = new(ConnectionString, new BlobClientOptions { Retry = { MaxRetries = 1, NetworkTimeout = TimeSpan.FromSeconds(10) } });

    public async Task InitializeAsync()
    {
        try
        {
            await Service.GetPropertiesAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                "Azurite is not answering on 127.0.0.1:10000. Start it with 'bash infra/services/azurite.sh' "
                + "(the test command 'bash infra/test.sh' does this for you).", e);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static string NewContainerName() => $"test-{Guid.NewGuid():N}";

    /// <summary>A new, empty table in Azurite's table service (127.0.0.1:10002), reached with <paramref name="options"/>.</summary>
    public async Task<TableClient> NewTableAsync(TableClientOptions options)
    {
        var table = new TableServiceClient(ConnectionString, options).GetTableClient($"test{Guid.NewGuid():N}");
        try
        {
            await table.CreateAsync();
        }
        catch (Exception e) when (e is not Azure.RequestFailedException { Status: 409 })
        {
            throw new InvalidOperationException(
                "Azurite's table service is not answering on 127.0.0.1:10002. Start it with 'bash infra/services/azurite.sh'.", e);
        }

        return table;
    }

    /// <summary>Every row of a table as text (its binary chunks decoded, its other values as written), to look for what must be gone.</summary>
    public async Task<List<(string Key, string Text)>> EveryRowAsync(string table)
    {
        List<(string, string)> rows = [];
        await foreach (var row in new TableServiceClient(ConnectionString).GetTableClient(table).QueryAsync<TableEntity>())
        {
            var text = string.Concat(row.Select(p => p.Value switch
            {
                byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                BinaryData data => data.ToString(),
                var other => other?.ToString(),
            }));
            rows.Add(($"{row.PartitionKey}/{row.RowKey}", text));
        }

        return rows;
    }

    /// <summary>Every byte of every blob in the container, to look for what must be gone.</summary>
    public async Task<List<(string Name, byte[] Content)>> EveryBlobAsync(string container)
    {
        List<(string, byte[])> blobs = [];
        var client = Service.GetBlobContainerClient(container);
        await foreach (var item in client.GetBlobsAsync())
        {
            blobs.Add((item.Name, (await client.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToArray()));
        }

        return blobs;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
