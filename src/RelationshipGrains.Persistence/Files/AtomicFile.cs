namespace RelationshipGrains.Persistence.Files;

/// <summary>
/// Replaces a file whole: the contents go to a new file beside it, which is renamed over the old one, so a crash
/// leaves the old file or the new, never a mix.
/// </summary>
internal static class AtomicFile
{
    public static async Task ReplaceAsync(string path, ReadOnlyMemory<byte> contents, bool flushToDisk, CancellationToken cancellationToken = default)
    {
        var next = Prepare(path);
        await using (var stream = new FileStream(next, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            await stream.WriteAsync(contents, cancellationToken);
            Flush(stream, flushToDisk);
        }

        File.Move(next, path, overwrite: true);
    }

    /// <summary>The same, for callers that must not yield (one holding a lock).</summary>
    public static void Replace(string path, ReadOnlySpan<byte> contents, bool flushToDisk)
    {
        var next = Prepare(path);
        using (var stream = new FileStream(next, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            stream.Write(contents);
            Flush(stream, flushToDisk);
        }

        File.Move(next, path, overwrite: true);
    }

    private static string Prepare(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path + ".next";
    }

    private static void Flush(FileStream stream, bool flushToDisk)
    {
        if (flushToDisk)
        {
            stream.Flush(flushToDisk: true);
        }
    }
}
