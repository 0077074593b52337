using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Journaling;
using Orleans.Storage;
using RelationshipGrains.Persistence.Files;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Testing;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// An activation whose work outlives its deactivation timeout can still write while the next activation of its grain
/// runs. On files nothing else stops it, so the one that is behind must find out and fail before it writes.
/// </summary>
public sealed class Fencing_local_journals : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("rg-fence-").FullName, "customer.d", "ada.journal");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(_path))!, recursive: true);

    private LocalFileJournalStorage Journal() =>
        new(new JournalId("customer/ada"), _path, commit: null, "json", new ForcedCompactions(), new CompactionPolicy(), NullLogger.Instance);

    private static ValueTask Append(LocalFileJournalStorage journal, string text) =>
        journal.AppendAsync(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text)), CancellationToken.None);

    private async Task<string> StoredAsync()
    {
        var collected = new CollectedJournal();
        await Journal().ReadAsync(collected, CancellationToken.None);
        return Encoding.UTF8.GetString([.. collected.Bytes]);
    }

    [Fact]
    public async Task An_older_activation_cannot_append_compact_or_delete_over_what_a_newer_one_wrote()
    {
        var older = Journal();
        await Append(older, "one;");
        var newer = Journal();
        await newer.ReadAsync(new CollectedJournal(), CancellationToken.None);
        await Append(newer, "two;");

        // Before, the older one's append went in at its own offset, over "two;", and its compaction renamed a
        // snapshot without "two;" over the file: each lost what the newer one had acknowledged.
        await Assert.ThrowsAsync<InconsistentStateException>(async () => await Append(older, "late;"));
        await Assert.ThrowsAsync<InconsistentStateException>(async () =>
            await older.ReplaceAsync(new ReadOnlySequence<byte>("one;late;"u8.ToArray()), CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(async () => await older.DeleteAsync(CancellationToken.None));
        await Append(newer, "three;");

        Assert.Equal("one;two;three;", await StoredAsync());
        Assert.False(File.Exists(_path + ".next"));
    }

    [Fact]
    public async Task An_activation_that_compacted_is_the_file_and_the_one_it_replaced_is_behind()
    {
        var older = Journal();
        await Append(older, "one;");
        var newer = Journal();
        await newer.ReadAsync(new CollectedJournal(), CancellationToken.None);
        await newer.ReplaceAsync(new ReadOnlySequence<byte>("snapshot;"u8.ToArray()), CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(async () => await Append(older, "late;"));
        await Append(newer, "two;");

        Assert.Equal("snapshot;two;", await StoredAsync());
    }

    [Fact]
    public async Task A_journal_is_never_created_over_one_another_activation_created()
    {
        var first = Journal();
        var second = Journal();
        await Append(first, "first;");

        // Before, creating meant truncating: the second wiped what the first had acknowledged.
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(async () => await Append(second, "second;"));

        Assert.Contains("another activation of the grain has written it since", refused.Message, StringComparison.Ordinal);
        Assert.Equal("first;", await StoredAsync());
    }

    [Fact]
    public async Task An_activation_handed_its_state_by_a_migration_starts_the_file_afresh_with_a_snapshot()
    {
        await Append(Journal(), "one;two;");
        var migrated = Journal();

        // Orleans Journaling writes a snapshot first after a migration, without reading storage.
        await migrated.ReplaceAsync(new ReadOnlySequence<byte>("one;two;"u8.ToArray()), CancellationToken.None);
        await Append(migrated, "three;");

        Assert.Equal("one;two;three;", await StoredAsync());
    }

    [Fact]
    public async Task A_journal_cut_short_before_its_header_is_started_again_by_the_activation_that_read_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        // The first two bytes of its header ("RG"): a crash leaves the start of what was written, or zeros.
        await File.WriteAllBytesAsync(_path, "RG"u8.ToArray());
        var journal = Journal();
        await journal.ReadAsync(new CollectedJournal(), CancellationToken.None);

        await Append(journal, "fresh;");

        Assert.Equal("fresh;", await StoredAsync());
    }
}
