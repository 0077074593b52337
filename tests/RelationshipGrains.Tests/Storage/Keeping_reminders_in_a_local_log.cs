using Microsoft.Extensions.Options;
using RelationshipGrains.Persistence.Files;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// The embedded profile's reminders (selection rounds, outboxes' wake-ups) survive a restart in a file of one line per
/// row, appended to and blanked in place, rather than in a file rewritten whole on every change.
/// </summary>
public sealed class Keeping_reminders_in_a_local_log : IDisposable
{
    private readonly string _directory;
    private readonly GroupCommit _commit;

    public Keeping_reminders_in_a_local_log()
    {
        _directory = Directory.CreateTempSubdirectory("rg-reminders-").FullName;
        _commit = new GroupCommit(_directory);
    }

    public void Dispose()
    {
        _commit.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Log => Path.Combine(_directory, "reminders.log");

    private async Task<LocalFileReminderTable> StartAsync()
    {
        var table = new LocalFileReminderTable(Options.Create(new LocalFileOptions { Directory = _directory }), _commit);
        await table.Init();
        return table;
    }

    private static ReminderEntry Reminder(string grain, string name = "outbox-relay") =>
        new() { GrainId = GrainId.Create("customer", grain), ReminderName = name, StartAt = new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc), Period = TimeSpan.FromMinutes(1) };

    private static async Task<List<string>> GrainsOf(LocalFileReminderTable table) =>
        [.. (await table.ReadRows(0, uint.MaxValue)).Reminders.Select(r => r.GrainId.Key.ToString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Changes_are_kept_across_a_restart_and_a_removed_row_leaves_no_trace()
    {
        var table = await StartAsync();
        await table.UpsertRow(Reminder("ada"));
        var etag = await table.UpsertRow(Reminder("bo"));
        await table.UpsertRow(Reminder("cy"));
        Assert.True(await table.RemoveRow(GrainId.Create("customer", "bo"), "outbox-relay", etag!));

        var text = await File.ReadAllTextAsync(Log);
        var restarted = await StartAsync();

        // Blanked in place: an erased customer's reminders must not leave their id in the data folder.
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("customer/bo", text, StringComparison.Ordinal);
        Assert.Equal(["ada", "cy"], await GrainsOf(restarted));
        var next = await restarted.UpsertRow(Reminder("bo"));
        Assert.False(await restarted.RemoveRow(GrainId.Create("customer", "bo"), "outbox-relay", etag!));
        Assert.Equal("4", next);
    }

    [Fact]
    public async Task A_compaction_whose_folder_flush_fails_after_the_rename_leaves_a_log_that_reads_back()
    {
        var failing = new int[1];
        using var commit = new GroupCommit(false, _ => 0, _ => Volatile.Read(ref failing[0]) == 1 ? 5 : 0);
        var table = new LocalFileReminderTable(Options.Create(new LocalFileOptions { Directory = _directory }), commit);
        await table.Init();
        await table.UpsertRow(Reminder("ada"));
        // Enough changes that the log is rewritten whole; "cy" lies far into the log before that.
        for (var i = 0; i < 600; i++)
        {
            await table.UpsertRow(Reminder("bo"));
        }

        var cy = await table.UpsertRow(Reminder("cy"));
        Volatile.Write(ref failing[0], 1);
        IOException? compaction = null;
        for (var i = 0; i < 1_000 && compaction is null; i++)
        {
            compaction = await Record.ExceptionAsync(() => table.UpsertRow(Reminder("bo"))) as IOException;
        }

        // The rewritten log has its name; the folder's flush failed, and every later flush fails too. The removal still
        // blanks its line in the file, where the rewrite put it: at the old log's offset it missed it (past the end of
        // the new log here, into other rows' lines elsewhere), and the removed reminder came back at the next start.
        await Assert.ThrowsAsync<IOException>(() => table.RemoveRow(GrainId.Create("customer", "cy"), "outbox-relay", cy!));
        var restarted = await StartAsync();

        Assert.NotNull(compaction);
        Assert.Equal(["ada", "bo"], await GrainsOf(restarted));
    }

    [Fact]
    public async Task A_line_torn_by_a_crash_is_dropped_and_the_log_goes_on_after_it()
    {
        var table = await StartAsync();
        await table.UpsertRow(Reminder("ada"));
        await File.AppendAllTextAsync(Log, "{\"GrainId\":\"customer/bo\",\"Na");

        var restarted = await StartAsync();
        var afterCrash = await GrainsOf(restarted);
        await restarted.UpsertRow(Reminder("cy"));
        var again = await StartAsync();

        Assert.Equal(["ada"], afterCrash);
        // Appended after the torn line, "cy" would have run on from it and been lost with it at the next start.
        Assert.Equal(["ada", "cy"], await GrainsOf(again));
    }

    [Fact]
    public async Task A_row_updated_keeps_one_line_and_a_crash_between_its_two_lines_keeps_the_newer()
    {
        var table = await StartAsync();
        await table.UpsertRow(Reminder("ada"));
        await table.UpsertRow(Reminder("ada"));
        var longer = Reminder("ada");
        longer.Period = TimeSpan.FromMinutes(5);
        await table.UpsertRow(longer);
        var live = (await File.ReadAllTextAsync(Log)).Split('\n').Count(l => l.Contains('{', StringComparison.Ordinal));

        // As if the silo died after the new line but before the old one was blanked.
        var twice = "{\"GrainId\":\"customer/bo\",\"Name\":\"r\",\"StartAt\":\"2026-12-05T00:00:00Z\",\"Period\":\"00:01:00\",\"ETag\":\"7\"}\n"
            + "{\"GrainId\":\"customer/bo\",\"Name\":\"r\",\"StartAt\":\"2026-12-05T00:00:00Z\",\"Period\":\"00:02:00\",\"ETag\":\"8\"}\n";
        await File.AppendAllTextAsync(Log, twice);
        var restarted = await StartAsync();
        var bo = await restarted.ReadRow(GrainId.Create("customer", "bo"), "r");
        Assert.True(await restarted.RemoveRow(bo!.GrainId, "r", bo.ETag!));
        var again = await StartAsync();

        Assert.Equal(1, live);
        Assert.Equal(TimeSpan.FromMinutes(2), bo.Period);
        Assert.Null(await again.ReadRow(GrainId.Create("customer", "bo"), "r"));
        Assert.Equal(TimeSpan.FromMinutes(5), (await again.ReadRow(GrainId.Create("customer", "ada"), "outbox-relay"))!.Period);
    }

    [Fact]
    public async Task A_damaged_line_with_lines_after_it_stops_the_start_naming_it()
    {
        await File.WriteAllTextAsync(Log, "garbage\n{\"GrainId\":\"customer/ada\",\"Name\":\"r\",\"StartAt\":\"2026-12-05T00:00:00Z\",\"Period\":\"00:01:00\",\"ETag\":\"1\"}\n");

        var failure = await Assert.ThrowsAsync<InvalidDataException>(StartAsync);

        Assert.Contains("Line 1 of the reminder log is damaged", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_of_an_earlier_release_is_read_into_the_log_and_goes()
    {
        var legacy = Path.Combine(_directory, "reminders.json");
        await File.WriteAllTextAsync(legacy,
            """[{"GrainId":"community/garden","Name":"selection-round","StartAt":"2026-12-01T00:00:00Z","Period":"7.00:00:00","ETag":"7"}]""");

        var table = await StartAsync();
        var next = await table.UpsertRow(Reminder("ada"));
        var restarted = await StartAsync();

        Assert.False(File.Exists(legacy));
        var rows = (await restarted.ReadRows(0, uint.MaxValue)).Reminders;
        Assert.Equal(["community/garden", "customer/ada"], rows.Select(r => r.GrainId.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromDays(7), rows.Single(r => r.ReminderName == "selection-round").Period);
        Assert.Equal("8", next);
    }

    [Fact]
    public async Task The_log_is_compacted_so_it_stays_a_few_times_the_rows_it_describes()
    {
        var table = await StartAsync();
        await table.UpsertRow(Reminder("kept"));
        for (var i = 0; i < 3_000; i++)
        {
            var etag = await table.UpsertRow(Reminder($"busy-{i}"));
            Assert.True(await table.RemoveRow(GrainId.Create("customer", $"busy-{i}"), "outbox-relay", etag!));
        }

        var lines = (await File.ReadAllLinesAsync(Log)).Length;
        var restarted = await StartAsync();

        Assert.InRange(lines, 1, 1_000);
        Assert.Equal(["kept"], await GrainsOf(restarted));
    }

    [Fact]
    public async Task A_row_replaced_while_another_change_rewrote_the_file_does_not_blank_a_line_it_no_longer_owns()
    {
        using var open = new ManualResetEventSlim(true);
        using var commit = new GroupCommit(grouped: true, _ =>
        {
            open.Wait();
            return 0;
        });
        var table = new LocalFileReminderTable(Options.Create(new LocalFileOptions { Directory = _directory }), commit);
        await table.Init();
        await table.UpsertRow(Reminder("ada"));

        // Ada's new line waits for the disk; meanwhile enough changes come for one of them to rewrite the file.
        open.Reset();
        var replacing = table.UpsertRow(Reminder("ada", "outbox-relay"));
        var others = Enumerable.Range(0, 1_000).Select(i => table.UpsertRow(Reminder($"busy-{i % 5}"))).ToList();
        open.Set();
        await replacing;
        await Task.WhenAll(others);
        var restarted = await StartAsync();

        // Blanked at its old offset, ada's old line was a piece of some other row's line in the rewritten file.
        Assert.Equal(["ada", "busy-0", "busy-1", "busy-2", "busy-3", "busy-4"], await GrainsOf(restarted));
    }
}
