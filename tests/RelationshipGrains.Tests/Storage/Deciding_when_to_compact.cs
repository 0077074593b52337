using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Files;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// A snapshot comes when the appends since the last one add up to a multiple of its size, so its cost per change stays
/// a share of the change; a bound on the count of appends is the storage's own (append blobs), or an operator's.
/// </summary>
public sealed class Deciding_when_to_compact : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rg-compact-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_local_journal_is_compacted_by_its_bytes_whatever_its_count_of_records()
    {
        var journal = new LocalFileJournalStorage(new JournalId("directory/0"), Path.Combine(_directory, "journal"), commit: null, "json",
            new ForcedCompactions(), new CompactionPolicy { SnapshotRatio = 4 }, NullLogger.Instance);
        await journal.ReplaceAsync(Bytes(20_000), CancellationToken.None);

        // Four times the 20,000-byte snapshot is 80,000 bytes: 3,999 records of 20 bytes fall short, the 4,000th reaches it.
        for (var i = 0; i < 3_999; i++)
        {
            await journal.AppendAsync(Bytes(20), CancellationToken.None);
        }

        Assert.False(journal.IsCompactionRequested);
        await journal.AppendAsync(Bytes(20), CancellationToken.None);
        Assert.True(journal.IsCompactionRequested);
    }

    [Fact]
    public void The_storages_bound_on_appends_applies_unless_the_operator_names_another()
    {
        var unset = new CompactionPolicy();
        Assert.False(unset.IsDue(appends: 50_000, appendedBytes: 100, snapshotBytes: 1_000_000));
        Assert.False(unset.IsDue(appends: 999, appendedBytes: 100, snapshotBytes: 1_000_000, storageBound: 1_000));
        Assert.True(unset.IsDue(appends: 1_000, appendedBytes: 100, snapshotBytes: 1_000_000, storageBound: 1_000));

        var named = new CompactionPolicy { MaxAppends = 10 };
        Assert.False(named.IsDue(appends: 9, appendedBytes: 100, snapshotBytes: 1_000_000, storageBound: 1_000));
        Assert.True(named.IsDue(appends: 10, appendedBytes: 100, snapshotBytes: 1_000_000, storageBound: 1_000));
    }

    [Fact]
    public void A_small_journal_is_not_compacted_before_its_minimum_of_bytes()
    {
        var policy = new CompactionPolicy();
        Assert.False(policy.IsDue(appends: 3_000, appendedBytes: 64 * 1024 - 1, snapshotBytes: 100));
        Assert.True(policy.IsDue(appends: 3_000, appendedBytes: 64 * 1024, snapshotBytes: 100));
    }

    private static ReadOnlySequence<byte> Bytes(int length) => new(new byte[length]);
}
