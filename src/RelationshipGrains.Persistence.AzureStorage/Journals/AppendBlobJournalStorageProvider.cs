using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>Journals on Azure append blobs, one container for the cluster; the container is created at silo start.</summary>
public sealed partial class AppendBlobJournalStorageProvider(
    IOptions<AzureJournalOptions> options,
    IOptions<JournaledStateManagerOptions> format,
    ForcedCompactions compactions,
    CompactionPolicy policy,
    ILogger<AppendBlobJournalStorageProvider> logger) : IJournalStorageProvider, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Lazy<BlobContainerClient> _container = new(() =>
    {
        SlowRequestLog.Watch(options.Value.ClientOptions, logger, options.Value.SlowRequestThreshold);
        return options.Value.CreateServiceClient().GetBlobContainerClient(options.Value.ContainerName);
    });

    private readonly KnownSnapshots _known = new();

    public BlobContainerClient Container => _container.Value;

    public IJournalStorage CreateStorage(JournalId journalId) =>
        new AppendBlobJournalStorage(journalId, Container, format.Value.JournalFormatKey, compactions, policy, _known);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AppendBlobJournalStorageProvider), ServiceLifecycleStage.RuntimeInitialize, async cancellationToken =>
        {
            await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            LogReady(logger, options.Value.ContainerName);
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Journals are kept in Azure Blob container '{Container}'.")]
    private static partial void LogReady(ILogger logger, string container);
}
