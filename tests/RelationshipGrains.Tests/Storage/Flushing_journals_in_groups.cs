using Microsoft.Win32.SafeHandles;
using RelationshipGrains.Persistence.Files;

namespace RelationshipGrains.Tests.Storage;

/// <summary>Local-file journals reach the disk in groups: one syncfs for every append waiting on it.</summary>
public sealed class Flushing_journals_in_groups : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rg-commit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Appends_waiting_together_share_one_flush_and_every_file_is_released()
    {
        var syncs = 0;
        using var allHandedOver = new ManualResetEventSlim();
        using var commit = new GroupCommit(grouped: true, handle =>
        {
            Interlocked.Increment(ref syncs);
            // The first flush lasts until every append is waiting, however the machine schedules the threads.
            allHandedOver.Wait();
            RandomAccess.FlushToDisk(handle);
            return 0;
        });
        var handles = Enumerable.Range(0, 200).Select(Written).ToList();

        var flushes = handles.Select(commit.FlushAsync).ToList();
        allHandedOver.Set();
        await Task.WhenAll(flushes);

        // The first group holds what was handed over before the flusher woke; all the rest wait for the one after it.
        Assert.InRange(syncs, 1, 2);
        Assert.Equal(syncs, commit.Flushes);
        Assert.All(handles, h => Assert.True(h.IsClosed));
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal($"record {i}", File.ReadAllText(PathOf(i))));
    }

    [Fact]
    public async Task A_failed_flush_fails_every_append_of_its_group()
    {
        using var commit = new GroupCommit(grouped: true, _ => -1);
        var handles = Enumerable.Range(0, 3).Select(Written).ToList();

        var flushes = handles.Select(commit.FlushAsync).ToList();

        foreach (var flush in flushes)
        {
            var failure = await Assert.ThrowsAsync<IOException>(() => flush);
            Assert.Contains("not acknowledged", failure.Message, StringComparison.Ordinal);
        }

        Assert.All(handles, h => Assert.True(h.IsClosed));
        Assert.Equal(0, commit.Flushes);
    }

    [Fact]
    public async Task Without_groups_each_file_is_flushed_at_once()
    {
        using var commit = new GroupCommit(grouped: false, _ => throw new InvalidOperationException("syncfs is not used without groups"));
        var handle = Written(0);

        var flush = commit.FlushAsync(handle);

        Assert.True(flush.IsCompletedSuccessfully);
        Assert.True(handle.IsClosed);
        await flush;
    }

    [Fact]
    public async Task The_real_syncfs_makes_a_group_durable()
    {
        using var commit = new GroupCommit();
        var handles = Enumerable.Range(0, 20).Select(Written).ToList();

        await Task.WhenAll(handles.Select(commit.FlushAsync).ToList());

        // Linux flushes the group with syncfs; elsewhere each file is flushed on its own and no group is counted.
        Assert.InRange(commit.Flushes, OperatingSystem.IsLinux() ? 1 : 0, OperatingSystem.IsLinux() ? 20 : 0);
        Assert.All(handles, h => Assert.True(h.IsClosed));
    }

    private SafeFileHandle Written(int i)
    {
        var handle = File.OpenHandle(PathOf(i), FileMode.Create, FileAccess.Write);
        RandomAccess.Write(handle, System.Text.Encoding.UTF8.GetBytes($"record {i}"), 0);
        return handle;
    }

    private string PathOf(int i) => Path.Combine(_directory, $"{i}.journal");
}
