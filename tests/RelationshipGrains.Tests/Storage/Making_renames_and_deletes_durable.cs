using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using Orleans.Serialization;
using RelationshipGrains.Persistence.Files;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// A file's flush covers its bytes, not its name: the data folder flushes the folder after every rename, delete and
/// new file it acknowledges, so a power cut cannot bring back a replaced state or an erased customer's journal.
/// </summary>
public sealed class Making_renames_and_deletes_durable : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rg-names-").FullName;
    private readonly List<string> _syncs = [];
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Records each folder flushed with what it held at that moment, then flushes it for real.</summary>
    private GroupCommit Recording(bool grouped = false) => new(grouped, handle => 0, folder =>
    {
        var names = Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        lock (_syncs)
        {
            _syncs.Add($"{Path.GetRelativePath(_directory, folder)}: {string.Join(", ", names)}");
        }

        return 0;
    });

    private LocalFileGrainStorage GrainStorage(GroupCommit commit, bool flushToDisk = true) =>
        new(Options.Create(new LocalFileOptions { Directory = _directory, FlushToDisk = flushToDisk }), _serializer, commit);

    [Fact]
    public async Task A_state_written_replaced_and_cleared_is_flushed_in_its_folder_after_each_rename_and_delete()
    {
        using var commit = Recording();
        var storage = GrainStorage(commit);
        var grain = GrainId.Create("webhook", "orders");
        var state = new GrainState<List<string>>([]);
        var list = state.State!;

        list.Add("first");
        await storage.WriteStateAsync("webhooks", grain, state);
        list.Add("second");
        await storage.WriteStateAsync("webhooks", grain, state);
        await storage.ClearStateAsync("webhooks", grain, state);

        // The new folders top down, each named in its parent; then the state file under its own name (no ".next" left
        // beside it) after each write, and the folder without it after the clear.
        Assert.Equal(
        [
            ".: state",
            "state: webhook.d",
            "state/webhook.d: webhooks%3Aorders.state",
            "state/webhook.d: webhooks%3Aorders.state",
            "state/webhook.d: ",
        ], _syncs);
    }

    [Fact]
    public async Task Without_flushing_to_disk_no_folder_is_flushed()
    {
        using var commit = Recording();
        var storage = GrainStorage(commit, flushToDisk: false);
        var state = new GrainState<List<string>>(["kept in the cache"]);

        await storage.WriteStateAsync("webhooks", GrainId.Create("webhook", "orders"), state);

        Assert.Empty(_syncs);
        Assert.True(File.Exists(Path.Combine(_directory, "state", "webhook.d", "webhooks%3Aorders.state")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_journal_is_flushed_in_its_folder_when_compacted_and_when_deleted_and_when_created_unless_a_group_did(bool grouped)
    {
        using var commit = Recording(grouped);
        var path = Path.Combine(_directory, "journals", "customer.d", "ada.journal");
        var journal = new LocalFileJournalStorage(new JournalId("customer/ada"), path, commit, "json",
            new ForcedCompactions(), new CompactionPolicy(), NullLogger.Instance);

        await journal.AppendAsync(new ReadOnlySequence<byte>("first"u8.ToArray()), CancellationToken.None);
        await journal.AppendAsync(new ReadOnlySequence<byte>("second"u8.ToArray()), CancellationToken.None);
        await journal.ReplaceAsync(new ReadOnlySequence<byte>("snapshot"u8.ToArray()), CancellationToken.None);
        await journal.DeleteAsync(CancellationToken.None);

        // A group's syncfs writes a new file's name with its bytes; a file flushed alone needs its folder flushed.
        string[] created = grouped ? [] : ["journals/customer.d: ada.journal"];
        Assert.Equal(
        [
            ".: journals",
            "journals: customer.d",
            .. created,
            "journals/customer.d: ada.journal",
            "journals/customer.d: ",
        ], _syncs);
    }

    [Fact]
    public async Task A_deletion_also_removes_the_new_file_a_crashed_replacement_left_beside_the_old()
    {
        using var commit = Recording();
        var storage = GrainStorage(commit);
        var grain = GrainId.Create("archive", "ada/0");
        var state = new GrainState<List<string>>(["Ada's words"]);
        await storage.WriteStateAsync("pages", grain, state);
        var path = Path.Combine(_directory, "state", "archive.d", "pages%3Aada%2F0.state");
        var journalPath = Path.Combine(_directory, "journals", "customer.d", "ada.journal");
        var journal = new LocalFileJournalStorage(new JournalId("customer/ada"), journalPath, commit, "json",
            new ForcedCompactions(), new CompactionPolicy(), NullLogger.Instance);
        await journal.AppendAsync(new ReadOnlySequence<byte>("Ada's words"u8.ToArray()), CancellationToken.None);

        // What a crash during each file's next replacement leaves: the new contents, never renamed.
        await File.WriteAllTextAsync(path + ".next", "Ada's newer words");
        await File.WriteAllTextAsync(journalPath + ".next", "Ada's words, compacted");
        _syncs.Clear();
        await storage.ClearStateAsync("pages", grain, state);
        await journal.DeleteAsync(CancellationToken.None);

        Assert.Empty(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
        Assert.Equal(["state/archive.d: ", "journals/customer.d: "], _syncs);
    }

    [Fact]
    public async Task Reading_a_record_whose_first_write_a_crash_cut_short_removes_the_new_file_it_left()
    {
        using var commit = Recording();
        var storage = GrainStorage(commit);
        var grain = GrainId.Create("archive", "ada/0");
        var path = Path.Combine(_directory, "state", "archive.d", "pages%3Aada%2F0.state");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path + ".next", "Ada's words");

        // An erasure reads first and finds no record, so it clears nothing: the read is what must not leave it.
        var read = new GrainState<List<string>>([]);
        await storage.ReadStateAsync("pages", grain, read);

        Assert.False(read.RecordExists);
        Assert.Empty(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
        Assert.Equal(["state/archive.d: "], _syncs);
    }

    [Fact]
    public async Task An_append_whose_flush_failed_is_taken_back_so_no_later_activation_reads_it()
    {
        var path = Path.Combine(_directory, "journals", "customer.d", "ada.journal");
        using (var healthy = Recording())
        {
            var first = new LocalFileJournalStorage(new JournalId("customer/ada"), path, healthy, "json", new ForcedCompactions(), new CompactionPolicy(), NullLogger.Instance);
            await first.AppendAsync(new ReadOnlySequence<byte>("kept;"u8.ToArray()), CancellationToken.None);
        }

        var before = new FileInfo(path).Length;
        using var failing = new GroupCommit(grouped: true, _ => -1);
        var journal = new LocalFileJournalStorage(new JournalId("customer/ada"), path, failing, "json", new ForcedCompactions(), new CompactionPolicy(), NullLogger.Instance);
        await journal.ReadAsync(new CollectedJournal(), CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(async () => await journal.AppendAsync(new ReadOnlySequence<byte>("never on disk;"u8.ToArray()), CancellationToken.None));

        var next = new CollectedJournal();
        await new LocalFileJournalStorage(new JournalId("customer/ada"), path, commit: null, "json", new ForcedCompactions(), new CompactionPolicy(), NullLogger.Instance)
            .ReadAsync(next, CancellationToken.None);
        Assert.Equal(before, new FileInfo(path).Length);
        Assert.Equal("kept;", System.Text.Encoding.UTF8.GetString([.. next.Bytes]));
    }

    [Fact]
    public async Task The_reminder_log_is_flushed_in_its_folder_after_it_is_created()
    {
        using var commit = Recording();
        var table = new LocalFileReminderTable(Options.Create(new LocalFileOptions { Directory = _directory }), commit);
        await table.Init();

        await table.UpsertRow(new ReminderEntry
        {
            GrainId = GrainId.Create("community", "gardening"), ReminderName = "selection", StartAt = DateTime.UtcNow, Period = TimeSpan.FromHours(1),
        });

        await table.UpsertRow(new ReminderEntry
        {
            GrainId = GrainId.Create("community", "cooking"), ReminderName = "selection", StartAt = DateTime.UtcNow, Period = TimeSpan.FromHours(1),
        });

        // Once, when the log is made; later changes are appended to it.
        Assert.Equal([".: reminders.log"], _syncs);
    }

    [Fact]
    public async Task A_reminder_change_the_file_did_not_take_is_not_kept_in_memory_either()
    {
        using var commit = Recording();
        var table = new LocalFileReminderTable(Options.Create(new LocalFileOptions { Directory = _directory }), commit);
        await table.Init();
        var grain = GrainId.Create("community", "gardening");
        ReminderEntry Reminder(string name) => new() { GrainId = grain, ReminderName = name, StartAt = DateTime.UtcNow, Period = TimeSpan.FromHours(1) };
        var etag = await table.UpsertRow(Reminder("selection"));

        // A folder where the log must be: every append fails.
        var log = Path.Combine(_directory, "reminders.log");
        var logged = await File.ReadAllBytesAsync(log);
        File.Delete(log);
        var blocked = Directory.CreateDirectory(log);
        await Assert.ThrowsAnyAsync<Exception>(() => table.UpsertRow(Reminder("another")));
        await Assert.ThrowsAnyAsync<Exception>(() => table.RemoveRow(grain, "selection", etag!));

        Assert.Null(await table.ReadRow(grain, "another"));
        Assert.NotNull(await table.ReadRow(grain, "selection"));
        blocked.Delete();
        await File.WriteAllBytesAsync(log, logged);
        Assert.True(await table.RemoveRow(grain, "selection", etag!));
        var restarted = new LocalFileReminderTable(Options.Create(new LocalFileOptions { Directory = _directory }), commit);
        await restarted.Init();
        Assert.Empty((await restarted.ReadRows(grain)).Reminders);
    }

    [Fact]
    public void The_real_folder_flush_succeeds_on_a_folder_and_fails_clearly_on_a_missing_one()
    {
        using var commit = new GroupCommit(_directory);

        commit.SyncFolder(_directory);
        var missing = Path.Combine(_directory, "gone");
        if (OperatingSystem.IsWindows())
        {
            // Nothing is flushed there (GroupCommit.FlushFolder), so nothing can fail.
            commit.SyncFolder(missing);
            return;
        }

        var failure = Assert.Throws<IOException>(() => commit.SyncFolder(missing));

        Assert.Contains(missing, failure.Message, StringComparison.Ordinal);
        Assert.Contains("not acknowledged", failure.Message, StringComparison.Ordinal);
    }
}
