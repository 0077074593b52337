namespace RelationshipGrains.Persistence.Files;

/// <summary>
/// Replaces a file whole: the contents go to a new file beside it, which is renamed over the old one, so a crash
/// leaves the old file or the new, never a mix. With a <see cref="GroupCommit"/> the answer waits for the disk: the
/// new file's bytes, then its name in the folder.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> beside <paramref name="path"/> and renames it over the file.</summary>
    /// <param name="path">The file to replace (or create).</param>
    /// <param name="contents">Its new contents.</param>
    /// <param name="commit">With one, each step is on disk before the next; without, the operating system has it.</param>
    /// <param name="cancellationToken">Stops the write of the new file.</param>
    /// <param name="beforeRename">Runs just before the new file takes the old one's name; throwing stops the replacement.</param>
    public static async Task ReplaceAsync(
        string path, ReadOnlyMemory<byte> contents, GroupCommit? commit, CancellationToken cancellationToken = default, Action? beforeRename = null)
    {
        var next = Prepare(path, commit);
        await using (var stream = new FileStream(next, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            await stream.WriteAsync(contents, cancellationToken);
            Flush(stream, commit);
        }

        try
        {
            beforeRename?.Invoke();
        }
        catch
        {
            File.Delete(next);
            throw;
        }

        Move(next, path, commit);
    }

    /// <summary>The same, for callers that must not yield (one holding a lock).</summary>
    /// <param name="path">The file to replace (or create).</param>
    /// <param name="contents">Its new contents.</param>
    /// <param name="commit">With one, each step is on disk before the next; without, the operating system has it.</param>
    /// <param name="renamed">
    /// Runs as soon as the new file has the name, before the folder is flushed: a failure after the rename still leaves
    /// the new file under it, and a caller that keeps offsets into the file must take them up whatever follows.
    /// </param>
    public static void Replace(string path, ReadOnlySpan<byte> contents, GroupCommit? commit, Action? renamed = null)
    {
        var next = Prepare(path, commit);
        using (var stream = new FileStream(next, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            stream.Write(contents);
            Flush(stream, commit);
        }

        Move(next, path, commit, renamed);
    }

    /// <summary>
    /// Deletes the file, and the new file a replacement cut short by a crash may have left beside it (it holds what
    /// the file would have: an erased customer's words must not stay there). With a commit, the deletions are on disk
    /// when this returns.
    /// </summary>
    public static void Delete(string path, GroupCommit? commit)
    {
        var deleted = false;
        foreach (var file in new[] { path, NextOf(path) })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
                deleted = true;
            }
        }

        if (deleted)
        {
            commit?.SyncFolder(Path.GetDirectoryName(path)!);
        }
    }

    /// <summary>Creates the file's folder if missing; each new folder is itself a name in its parent, made durable too.</summary>
    public static void EnsureFolder(string path, GroupCommit? commit)
    {
        var missing = new Stack<string>();
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(path)); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Push(folder);
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder);
            commit?.SyncFolder(Path.GetDirectoryName(folder)!);
        }
    }

    private static string Prepare(string path, GroupCommit? commit)
    {
        EnsureFolder(path, commit);
        return NextOf(path);
    }

    private static string NextOf(string path) => path + ".next";

    private static void Flush(FileStream stream, GroupCommit? commit)
    {
        if (commit is not null)
        {
            stream.Flush();
            commit.FlushNow(stream.SafeFileHandle);
        }
    }

    private static void Move(string next, string path, GroupCommit? commit, Action? renamed = null)
    {
        File.Move(next, path, overwrite: true);
        renamed?.Invoke();
        commit?.SyncFolder(Path.GetDirectoryName(path)!);
    }
}
