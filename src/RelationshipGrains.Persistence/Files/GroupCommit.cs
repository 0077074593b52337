using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RelationshipGrains.Persistence.Files;

/// <summary>
/// Makes appends durable in groups. Each journal is its own file, so an fsync per append cost every interaction its
/// own trip to the disk and held a thread-pool thread while it waited (a third of the HTTP write rate here). On Linux
/// an append instead hands its still-open file to one flusher thread, which calls syncfs(2) once for everything
/// written before that call and then completes the whole group (Linux 5.8 and later, where syncfs reports a failed
/// write-back). Elsewhere each file is flushed on its own, as before.
/// It also makes a rename or a delete in the data folder durable (<see cref="SyncFolder"/>).
/// <para>
/// syncfs(2) reports the write-back errors of the whole file system since the descriptor it is given was opened (or
/// last reported one), so it is called through the data folder, opened once at start-up. Called through the group's
/// first file, opened moments before, it missed an error that came between another file's write and that open: the
/// other file's append shared the group and was acknowledged without its bytes on disk.
/// </para>
/// <para>
/// Once any flush fails, every later one fails too, until the process restarts. The operating system reports a
/// failed write-back once and may then drop the pages it could not write: a later syncfs(2) that succeeds says nothing
/// about them, and a group whose flush came after the failure could be acknowledged without its bytes on disk.
/// </para>
/// </summary>
public sealed partial class GroupCommit : IDisposable
{
    private readonly Lock _lock = new();
    // An event that blocks at once, not a SemaphoreSlim: SemaphoreSlim.Wait spins (yielding) before it sleeps, and
    // this thread waits between every group; its spinning showed as 9% of the samples of an HTTP write benchmark
    // under dotnet-trace. The benchmark's write rate moved within its noise either way.
    private readonly AutoResetEvent _work = new(false);
    private readonly Thread? _flusher;
    private readonly Func<SafeFileHandle, int> _sync;

    /// <summary>The data folder, open since start-up, through which each group's syncfs sees every error since then.</summary>
    private readonly SafeFileHandle? _watch;
    private readonly Func<string, int> _syncFolder;
    private List<SafeFileHandle> _written = [];
    private TaskCompletionSource _group = NewGroup();
    private bool _stopping;
    private IOException? _failure;

    /// <param name="dataFolder">The folder the files flushed here are in (created if missing); on the same file system is enough.</param>
    public GroupCommit(string dataFolder)
        : this(OperatingSystem.IsLinux() && SyncfsReportsErrors(Environment.OSVersion.Version), handle => SyncFileSystem((int)handle.DangerousGetHandle()), FlushFolder, dataFolder)
    {
    }

    /// <summary>
    /// Whether syncfs(2) reports a failed write-back on this kernel: Linux 5.8 and later do; earlier ones return 0
    /// whatever happened, so there each file is flushed on its own, whose fsync(2) does report it.
    /// </summary>
    /// <param name="kernel">The kernel's version, as <see cref="Environment.OSVersion"/> gives it on Linux.</param>
    public static bool SyncfsReportsErrors(Version kernel) => kernel >= new Version(5, 8);

    /// <summary>
    /// The first flush that failed, after which none is acknowledged; null while every flush succeeded. The readiness
    /// probe reports it, as only a restart (once the disk is sound) clears it.
    /// </summary>
    public IOException? Failure => Volatile.Read(ref _failure);

    /// <param name="grouped">False flushes each file on its own.</param>
    /// <param name="sync">syncfs(2) on the file system of the handle's file: 0 on success.</param>
    /// <param name="syncFolder">fsync(2) of a folder: 0 on success, else the error number.</param>
    /// <param name="dataFolder">Opened now and given to every <paramref name="sync"/>; without it, each group's first file is.</param>
    internal GroupCommit(bool grouped, Func<SafeFileHandle, int> sync, Func<string, int>? syncFolder = null, string? dataFolder = null)
    {
        _sync = sync;
        _syncFolder = syncFolder ?? FlushFolder;
        if (grouped)
        {
            _watch = dataFolder is null ? null : OpenFolder(dataFolder);
            _flusher = new Thread(Run) { IsBackground = true, Name = "Journal group commit" };
            _flusher.Start();
        }
    }

    /// <summary>Whether one syncfs flushes each group (Linux 5.8 and later), which also makes every new file's name durable.</summary>
    public bool Grouped => _flusher is not null;

    /// <summary>Groups flushed so far: how many syncs the appends shared (tests and diagnostics).</summary>
    public long Flushes { get; private set; }

    /// <summary>
    /// Completes once what was written through <paramref name="written"/> is on disk, and disposes it. The caller
    /// must not write through the handle again: the flusher owns it now.
    /// </summary>
    public Task FlushAsync(SafeFileHandle written)
    {
        if (Failure is { } failed)
        {
            written.Dispose();
            return Task.FromException(Refused(failed));
        }

        // Decided under the lock, never by looking at the group afterwards: the flusher may take the file, close it and
        // complete the group before this thread runs again, and a completed group once sent this thread to flush the
        // closed file itself (ObjectDisposedException, a 500 in the HTTP benchmark).
        Task? group = null;
        var first = false;
        lock (_lock)
        {
            if (_flusher is not null && !_stopping)
            {
                _written.Add(written);
                first = _written.Count == 1;
                group = _group.Task;
            }
        }

        if (group is not null)
        {
            // Signalled outside the lock: woken inside it, the flusher found the lock still held and waited for it (a
            // quarter of its samples under the HTTP write benchmark). Should it take the list before this signal,
            // the signal finds the next round empty, which is skipped.
            if (first)
            {
                _work.Set();
            }

            return group;
        }

        using (written)
        {
            FlushNow(written);
        }

        return Task.CompletedTask;
    }

    /// <summary>Flushes one file at once, on this thread (a file about to be renamed, a cut tail); a failure counts as any other.</summary>
    public void FlushNow(SafeFileHandle handle)
    {
        if (Failure is { } failed)
        {
            throw Refused(failed);
        }

        try
        {
            RandomAccess.FlushToDisk(handle);
        }
        catch (IOException e)
        {
            throw Failed(e);
        }
    }

    /// <summary>
    /// Makes the names in <paramref name="folder"/> durable: a file renamed over another, created or deleted there.
    /// A file's own flush covers its bytes, not its name: after a power cut the folder could still show the old file
    /// (a replaced state, an erased customer's journal) though the change was acknowledged.
    /// </summary>
    public void SyncFolder(string folder)
    {
        if (Failure is { } failed)
        {
            throw Refused(failed);
        }

        if (_syncFolder(folder) is var error and not 0)
        {
            throw Failed(new IOException($"Flushing the folder '{folder}' to disk failed (error {error}); the change made in it is not acknowledged."));
        }
    }

    /// <summary>Remembers the first failure, after which no flush is acknowledged; returns the one given.</summary>
    private IOException Failed(IOException failure)
    {
        Interlocked.CompareExchange(ref _failure, failure, null);
        return failure;
    }

    private static IOException Refused(IOException failure) => new(
        $"An earlier flush of the data folder to disk failed ({failure.Message}), so this silo acknowledges no more " +
        "writes: the operating system may have dropped bytes it could not write. Restart the silo once the disk is sound.", failure);

    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
        }

        // The event is not disposed: an append racing the shutdown may still signal it, harmlessly.
        _work.Set();
        _flusher?.Join();
        _watch?.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            // A signal may find the list already taken by the previous round; the round is then empty and skipped.
            _work.WaitOne();
            List<SafeFileHandle> written;
            TaskCompletionSource group;
            bool stopping;
            lock (_lock)
            {
                (written, _written) = (_written, []);
                (group, _group) = (_group, NewGroup());
                stopping = _stopping;
            }

            if (written.Count > 0)
            {
                Flush(written, group);
            }

            if (stopping)
            {
                return;
            }
        }
    }

    private void Flush(List<SafeFileHandle> written, TaskCompletionSource group)
    {
        Exception? failure = Failure is { } failed ? Refused(failed) : null;
        try
        {
            // Every write of the group completed before its file was handed over, so this one call covers them all.
            if (failure is null && _sync(_watch ?? written[0]) != 0)
            {
                failure = Failed(new IOException(
                    $"Flushing the data folder to disk failed (error {Marshal.GetLastPInvokeError()}); the writes waiting for it are not acknowledged."));
            }
        }
        catch (Exception e)
        {
            failure = Failed(e as IOException ?? new IOException($"Flushing the data folder to disk failed ({e.Message}); the writes waiting for it are not acknowledged.", e));
        }

        // The files are released before anyone waiting hears back, so none is still open once its append returns.
        foreach (var handle in written)
        {
            handle.Dispose();
        }

        if (failure is null)
        {
            Flushes++;
            group.SetResult();
        }
        else
        {
            group.SetException(failure);
        }
    }

    /// <summary>
    /// fsync(2) of the folder on Linux and macOS. Windows has nothing to do here that .NET can ask for (it opens no
    /// folder as a file), and the data folder's power-cut guarantee is made for Linux.
    /// </summary>
    private static int FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return 0;
        }

        var descriptor = Open(folder, 0 /* O_RDONLY: a folder opens read-only, which is all fsync needs */);
        if (descriptor < 0)
        {
            // Thrown, not returned: failing to open the folder (too many open files) says nothing about what the disk
            // holds, so it refuses this change alone and stops no later flush.
            throw new IOException($"Opening the folder '{folder}' to flush it failed (error {Marshal.GetLastPInvokeError()}); the change made in it is not acknowledged.");
        }

        var result = FileSync(descriptor) == 0 ? 0 : Marshal.GetLastPInvokeError();
        _ = Close(descriptor);
        return result;
    }

    private static SafeFileHandle OpenFolder(string folder)
    {
        folder = Directory.CreateDirectory(folder).FullName;
        // O_RDONLY | O_CLOEXEC (Linux's value; grouping is Linux only): no child process inherits it.
        var descriptor = Open(folder, 0x80000);
        return descriptor >= 0
            ? new SafeFileHandle(descriptor, ownsHandle: true)
            : throw new IOException($"Opening the data folder '{folder}' failed (error {Marshal.GetLastPInvokeError()}); its writes could not be flushed.");
    }

    private static TaskCompletionSource NewGroup() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFileSystem(int fileDescriptor);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FileSync(int fileDescriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fileDescriptor);
}
