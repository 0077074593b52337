using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace RelationshipGrains.IntegrationTests.Client;

/// <summary>What a developer's tools see in a package: its manifest, its files, and the sources its assembly carries.</summary>
internal sealed class PackageContents
{
    // The portable PDB's record of a document's embedded source text.
    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    private readonly Dictionary<string, byte[]> _files;

    private PackageContents(Dictionary<string, byte[]> files, XElement metadata)
    {
        _files = files;
        Metadata = metadata;
    }

    public XElement Metadata { get; }

    public string? this[string element] => Element(element)?.Value;

    public XElement? Element(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static PackageContents Open(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var files = zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        var nuspec = XDocument.Parse(System.Text.Encoding.UTF8.GetString(files.Single(f => f.Key.EndsWith(".nuspec", StringComparison.Ordinal)).Value).TrimStart('\uFEFF'));
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return new PackageContents(files, metadata);
    }

    public string Text(string file) =>
        _files.TryGetValue(file, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : throw new FileNotFoundException($"The package holds no '{file}'; it holds {string.Join(", ", _files.Keys)}.");

    /// <summary>The source files whose text the assembly's embedded symbols carry, by their paths as compiled.</summary>
    public IReadOnlyList<string> EmbeddedSources(string assembly)
    {
        using var pe = new PEReader(new MemoryStream(_files[assembly]));
        var entry = pe.ReadDebugDirectory().FirstOrDefault(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        if (entry.DataSize == 0)
        {
            return [];
        }

        using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
        var pdb = provider.GetMetadataReader();
        return [.. pdb.Documents
            .Where(d => pdb.GetCustomDebugInformation(d).Any(i => pdb.GetGuid(pdb.GetCustomDebugInformation(i).Kind) == EmbeddedSource))
            .Select(d => pdb.GetString(pdb.GetDocument(d).Name))];
    }
}
