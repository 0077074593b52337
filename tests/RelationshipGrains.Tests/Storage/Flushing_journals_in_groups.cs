using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Win32.SafeHandles;
using RelationshipGrains.Persistence.Files;
using RelationshipGrains.Silo.Observability;

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
    public async Task After_a_failed_flush_no_later_one_is_acknowledged_though_the_disk_answers_again()
    {
        var syncs = 0;
        using var commit = new GroupCommit(grouped: true, _ => Interlocked.Increment(ref syncs) == 1 ? -1 : 0, _ => 0);

        await Assert.ThrowsAsync<IOException>(() => commit.FlushAsync(Written(0)));
        var later = Written(1);
        var refused = await Assert.ThrowsAsync<IOException>(() => commit.FlushAsync(later));

        // The kernel reports a failed write-back once and may drop the pages: a later syncfs that succeeds vouches
        // for nothing written before it failed.
        Assert.StartsWith("An earlier flush of the data folder to disk failed", refused.Message, StringComparison.Ordinal);
        Assert.Same(commit.Failure, refused.InnerException);
        Assert.Equal(1, syncs);
        Assert.True(later.IsClosed);
        Assert.Throws<IOException>(() => commit.SyncFolder(_directory));
        using var another = Written(2);
        Assert.Throws<IOException>(() => commit.FlushNow(another));
        Assert.Equal(0, commit.Flushes);
    }

    [Fact]
    public async Task A_failed_folder_flush_stops_every_later_flush_too()
    {
        using var commit = new GroupCommit(grouped: false, _ => 0, _ => 5);

        var failed = Assert.Throws<IOException>(() => commit.SyncFolder(_directory));
        var refused = await Assert.ThrowsAsync<IOException>(() => commit.FlushAsync(Written(0)));

        Assert.Contains("error 5", failed.Message, StringComparison.Ordinal);
        Assert.Same(failed, commit.Failure);
        Assert.Same(failed, refused.InnerException);
    }

    [Fact]
    public async Task The_readiness_probe_says_the_silo_is_not_ready_once_a_flush_failed()
    {
        using var commit = new GroupCommit(grouped: false, _ => 0, _ => 5);
        var probe = new GrainStorageHealthCheck(new ConfigurationBuilder().Build(), commit);
        Assert.Equal(HealthStatus.Healthy, (await probe.CheckHealthAsync(new HealthCheckContext())).Status);

        Assert.Throws<IOException>(() => commit.SyncFolder(_directory));
        var after = await probe.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, after.Status);
        Assert.StartsWith("Flushing the data folder to disk failed", after.Description, StringComparison.Ordinal);
        Assert.Same(commit.Failure, after.Exception);
    }

    [Theory]
    [InlineData("5.4.0", false)]
    [InlineData("5.7.19", false)]
    [InlineData("5.8.0", true)]
    [InlineData("6.1.0", true)]
    public void Groups_are_used_only_where_syncfs_reports_a_failed_write_back(string kernel, bool grouped) =>
        Assert.Equal(grouped, GroupCommit.SyncfsReportsErrors(Version.Parse(kernel)));

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
    public async Task Every_group_is_flushed_through_the_data_folder_opened_at_start()
    {
        // syncfs reports the errors since its descriptor was opened: one opened with the group's first file missed an
        // error that came between another file's write and that open.
        var synced = new List<SafeFileHandle>();
        var commit = new GroupCommit(grouped: true, handle => { lock (synced) { synced.Add(handle); } return 0; }, _ => 0, _directory);
        var handles = Enumerable.Range(0, 3).Select(Written).ToList();

        foreach (var handle in handles)
        {
            await commit.FlushAsync(handle);
        }

        Assert.Equal(3, synced.Count);
        var watch = Assert.Single(synced.Distinct());
        Assert.DoesNotContain(watch, handles);
        Assert.False(watch.IsClosed);
        commit.Dispose();
        Assert.True(watch.IsClosed);
    }

    [Fact]
    public async Task The_real_syncfs_makes_a_group_durable()
    {
        using var commit = new GroupCommit(_directory);
        var handles = Enumerable.Range(0, 20).Select(Written).ToList();

        await Task.WhenAll(handles.Select(commit.FlushAsync).ToList());

        // Linux 5.8 and later flush the group with syncfs; elsewhere each file is flushed on its own and no group is counted.
        Assert.Equal(OperatingSystem.IsLinux() && Environment.OSVersion.Version >= new Version(5, 8), commit.Grouped);
        Assert.InRange(commit.Flushes, commit.Grouped ? 1 : 0, commit.Grouped ? 20 : 0);
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
