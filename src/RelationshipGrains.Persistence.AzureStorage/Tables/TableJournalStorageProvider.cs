using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Persistence.AzureStorage.Tables;

/// <summary>Journals in one Azure table, a partition each; the table is created at silo start.</summary>
public sealed partial class TableJournalStorageProvider(
    IOptions<TableJournalOptions> options,
    IOptions<JournaledStateManagerOptions> format,
    ForcedCompactions compactions,
    CompactionPolicy policy,
    ILogger<TableJournalStorageProvider> logger) : IJournalStorageProvider, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Lazy<TableClient> _table = new(() =>
    {
        SlowRequestLog.Watch(options.Value.ClientOptions, logger, options.Value.SlowRequestThreshold);
        return options.Value.CreateServiceClient().GetTableClient(options.Value.TableName);
    });

    public TableClient Table => _table.Value;

    public IJournalStorage CreateStorage(JournalId journalId) =>
        new TableJournalStorage(journalId, Table, format.Value.JournalFormatKey, compactions, policy, logger);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TableJournalStorageProvider), ServiceLifecycleStage.RuntimeInitialize, async cancellationToken =>
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
            LogReady(logger, options.Value.TableName);
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Journals are kept in Azure table '{Table}'.")]
    private static partial void LogReady(ILogger logger, string table);
}
