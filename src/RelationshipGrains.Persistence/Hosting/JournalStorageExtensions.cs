using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using Orleans.Runtime.Hosting;
using RelationshipGrains.Persistence.Files;
using RelationshipGrains.Persistence.Journals;

namespace Orleans.Hosting;

/// <summary>Chooses where journaled grain state lives; every grain's journal goes to the one provider named "Default".</summary>
public static class JournalStorageExtensions
{
    /// <summary>The journal format: Orleans' binary serializer, which needs nothing beyond [GenerateSerializer] and ran as fast as JSON.</summary>
    public const string FormatKey = "orleans-binary";

    /// <summary>Journals in memory, lost at exit. Pass one provider to every silo of a test cluster so they share it.</summary>
    public static ISiloBuilder AddMemoryJournalStorage(this ISiloBuilder silo, MemoryJournalStorageProvider? shared = null)
    {
        if (shared is not null)
        {
            silo.Services.AddSingleton(shared.Compactions);
        }

        silo.AddJournalCore();
        return silo.AddJournalStorage("Default", sp => shared ?? ActivatorUtilities.CreateInstance<MemoryJournalStorageProvider>(sp));
    }

    /// <summary>Journals, small grain state (under <paramref name="grainStorageName"/>) and reminders as files in one data folder.</summary>
    public static ISiloBuilder AddLocalFileStorage(this ISiloBuilder silo, string grainStorageName, Action<LocalFileOptions> configure)
    {
        silo.AddJournalCore();
        silo.Services.AddOptions<LocalFileOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Storage:Directory must name a folder for the data.")
            .ValidateOnStart();
        silo.Services.AddSingleton<DataFolderLock>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DataFolderLock>());
        silo.Services.AddSingleton(sp => new GroupCommit(sp.GetRequiredService<IOptions<LocalFileOptions>>().Value.Directory));
        silo.Services.AddGrainStorage(grainStorageName, (sp, _) => ActivatorUtilities.CreateInstance<LocalFileGrainStorage>(sp));
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, LocalFileReminderTable>();
        return silo.AddJournalStorage("Default", sp => ActivatorUtilities.CreateInstance<LocalFileJournalStorageProvider>(sp));
    }

    /// <summary>What every journal storage of ours shares: the format, forced compactions and the compaction policy.</summary>
    public static ISiloBuilder AddJournalCore(this ISiloBuilder silo)
    {
        silo.AddJournaling();
        DurableStateLifetimes.MakeTransient(silo.Services);
        silo.Services.Configure<JournaledStateManagerOptions>(o => o.JournalFormatKey = FormatKey);
        silo.Services.TryAddSingleton<ForcedCompactions>();
        silo.Services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<CompactionPolicy>>().Value);
        silo.Services.AddOptions<CompactionPolicy>()
            .Validate(o => o.MaxAppends is null or (>= 1 and <= 40_000), "Storage:Compaction:MaxAppends must be between 1 and 40000 (Azure allows 50,000 blocks in an append blob).")
            .Validate(o => o.SnapshotRatio >= 0.5 && o.MinAppendedBytes >= 0, "Storage:Compaction:SnapshotRatio must be 0.5 or more and MinAppendedBytes 0 or more.")
            .ValidateOnStart();
        return silo;
    }
}
