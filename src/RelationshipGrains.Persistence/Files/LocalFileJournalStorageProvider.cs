using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Persistence.Files;

/// <summary>Journals as files in the data folder: the embedded profile's durable default, for one silo on one machine.</summary>
public sealed class LocalFileJournalStorageProvider(
    IOptions<LocalFileOptions> options,
    IOptions<JournaledStateManagerOptions> format,
    GroupCommit commit,
    ForcedCompactions compactions,
    CompactionPolicy policy,
    ILogger<LocalFileJournalStorage> logger) : IJournalStorageProvider
{
    public IJournalStorage CreateStorage(JournalId journalId) => new LocalFileJournalStorage(
        journalId, PathOf(journalId), options.Value.FlushToDisk ? commit : null, format.Value.JournalFormatKey, compactions, policy, logger);

    public string PathOf(JournalId journalId) => LocalFileOptions.FileFor(options.Value.JournalsDirectory, journalId.Value, ".journal");
}
