using System.Buffers;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>
/// Grain state in Azure Blob Storage, one blob per grain state, with optimistic concurrency on the blob's ETag:
/// the first write is create-only (If-None-Match: *), later writes and deletes carry If-Match, and a lost race
/// (HTTP 412 or 409) becomes <see cref="InconsistentStateException"/> so Orleans re-reads before trying again.
/// </summary>
public sealed partial class AzureBlobGrainStorage(
    string name, AzureBlobStorageOptions options, Serializer serializer, ILogger<AzureBlobGrainStorage> logger)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string TombstoneMetadata = "rgtombstone";

    private readonly Lazy<BlobContainerClient> _container = new(options.CreateContainerClient);

    private BlobContainerClient Container => _container.Value;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(AzureBlobGrainStorage)}-{name}", options.InitStage, InitializeAsync);

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        LogReady(logger, name, options.ContainerName);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blob = Container.GetBlobClient(BlobName(stateName, grainId));
        BlobDownloadResult download;
        try
        {
            download = (await blob.DownloadContentAsync()).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No blob, or no container yet: a grain that has never been written.
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var tombstone = download.Details.Metadata.ContainsKey(TombstoneMetadata);
        var state = tombstone ? Activator.CreateInstance<T>() : Deserialize<T>(download.Content, blob.Name);
        grainState.State = state;
        grainState.ETag = download.Details.ETag.ToString();
        grainState.RecordExists = !tombstone;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blob = Container.GetBlobClient(BlobName(stateName, grainId));
        var content = BinaryData.FromBytes(StateEnvelope.Wrap(serializer.SerializeToArray(grainState.State)));
        grainState.ETag = await UploadAsync(blob, content, grainState.ETag, tombstone: false);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blob = Container.GetBlobClient(BlobName(stateName, grainId));
        if (options.DeleteStateOnClear)
        {
            try
            {
                // Without an ETag the grain believes nothing is stored: If-None-Match: * fails if something is.
                await blob.DeleteIfExistsAsync(conditions: Conditions(grainState.ETag));
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                throw Conflict(blob.Name, grainState.ETag, e);
            }

            grainState.ETag = null;
        }
        else
        {
            grainState.ETag = await UploadAsync(blob, BinaryData.Empty, grainState.ETag, tombstone: true);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    private async Task<string> UploadAsync(BlobClient blob, BinaryData content, string? etag, bool tombstone)
    {
        var upload = new BlobUploadOptions
        {
            Conditions = Conditions(etag),
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
            Metadata = tombstone ? new Dictionary<string, string> { [TombstoneMetadata] = "true" } : null,
        };
        try
        {
            return (await blob.UploadAsync(content, upload)).Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw Conflict(blob.Name, etag, e);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The container was deleted under us: recreate it once and try again.
            LogContainerMissing(logger, name, options.ContainerName);
            await Container.CreateIfNotExistsAsync();
            return (await blob.UploadAsync(content, upload)).Value.ETag.ToString();
        }
    }

    private T Deserialize<T>(BinaryData content, string blobName)
    {
        try
        {
            return serializer.Deserialize<T>(new ReadOnlySequence<byte>(StateEnvelope.Unwrap(content.ToMemory())))
                ?? throw new FormatException("The blob holds no state.");
        }
        catch (Exception e)
        {
            LogUnreadable(logger, e, name, blobName, typeof(T).Name);
            throw new StateUnreadableException(
                $"Grain storage '{name}' could not read blob '{blobName}' as {typeof(T).Name}: {e.Message} The grain's state was left unchanged.", e);
        }
    }

    private static BlobRequestConditions Conditions(string? etag) =>
        etag is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(etag) };

    private static InconsistentStateException Conflict(string blobName, string? etag, RequestFailedException e) =>
        new($"Blob '{blobName}' was changed by someone else (expected ETag '{etag ?? "none"}').", "unknown", etag ?? "none", e);

    /// <summary>State name, grain type and escaped key: readable in a storage browser and never colliding.</summary>
    internal static string BlobName(string stateName, GrainId grainId) =>
        $"{Uri.EscapeDataString(stateName)}/{Uri.EscapeDataString(grainId.Type.ToString()!)}/{Uri.EscapeDataString(grainId.Key.ToString()!)}.bin";

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage '{Name}' is ready on Azure Blob container '{Container}'.")]
    private static partial void LogReady(ILogger logger, string name, string container);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage '{Name}' found container '{Container}' missing and is creating it again.")]
    private static partial void LogContainerMissing(ILogger logger, string name, string container);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage '{Name}' could not read blob '{Blob}' as {StateType}.")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string name, string blob, string stateType);
}
