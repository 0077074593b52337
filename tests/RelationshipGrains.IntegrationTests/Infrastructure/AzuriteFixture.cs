using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Persistence.AzureStorage;

namespace RelationshipGrains.IntegrationTests.Infrastructure;

/// <summary>A real Azurite on 127.0.0.1:10000. If it is not there, every test using this fixture fails saying how to start it.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    public BlobServiceClient Service { get; } = new(ConnectionString, new BlobClientOptions { Retry = { MaxRetries = 1, NetworkTimeout = TimeSpan.FromSeconds(10) } });

    public static Serializer Serializer { get; } = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(CustomerState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

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

    public AzureBlobGrainStorage Storage(string container, bool deleteOnClear = true) => Storage(ConnectionString, container, deleteOnClear);

    /// <summary>Our grain storage over any Azurite, to look at what the silos wrote.</summary>
    public static AzureBlobGrainStorage Storage(string connectionString, string container, bool deleteOnClear = true) => new(
        "test", new AzureBlobStorageOptions { ConnectionString = connectionString, ContainerName = container, DeleteStateOnClear = deleteOnClear },
        Serializer, NullLogger<AzureBlobGrainStorage>.Instance);
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
