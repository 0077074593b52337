namespace RelationshipGrains.Persistence.Files;

/// <summary>Where the embedded profile keeps journals and grain state on this machine's disk.</summary>
public sealed class LocalFileOptions
{
    /// <summary>The data folder; created if missing.</summary>
    public string Directory { get; set; } = "";

    /// <summary>
    /// True (the default) makes every acknowledged write reach the disk before the answer, so it survives a power cut,
    /// not only a killed process. False leaves it to the operating system's cache, which a killed process cannot lose.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;

    public string JournalsDirectory => Path.Combine(Directory, "journals");

    public string StateDirectory => Path.Combine(Directory, "state");

    /// <summary>
    /// A file for an id: one folder per grain type, the key escaped so no id can name a path outside the folder
    /// (an escaped key never contains a separator, and the suffix keeps "." and ".." from being names).
    /// </summary>
    public static string FileFor(string root, string id, string suffix)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        var (type, key) = slash < 0 ? ("_", id) : (id[..slash], id[(slash + 1)..]);
        return Path.Combine(root, Uri.EscapeDataString(type) + ".d", Uri.EscapeDataString(key) + suffix);
    }
}
