using Microsoft.Extensions.Options;

namespace RelationshipGrains.Persistence.Files;

/// <summary>
/// Holds the data folder for one silo process from its start to its stop. A second silo on the same folder (a second
/// <c>dotnet run</c> on other ports) would append to journals the first had read and replace state files whose
/// versions only the first knows, each overwriting what the other acknowledged; it is refused at start instead. The
/// lock is the operating system's on an open file, so a killed process leaves none behind.
/// </summary>
public sealed class DataFolderLock(IOptions<LocalFileOptions> options) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    public const string FileName = "silo.lock";

    private FileStream? _held;

    public void Participate(ISiloLifecycle lifecycle) =>
        // First: before the reminder table or any grain reads a file.
        lifecycle.Subscribe(nameof(DataFolderLock), ServiceLifecycleStage.First,
            _ => { Take(); return Task.CompletedTask; },
            _ => { Dispose(); return Task.CompletedTask; });

    /// <summary>Takes the folder, or throws if another silo holds it.</summary>
    public void Take()
    {
        var folder = Path.GetFullPath(options.Value.Directory);
        Directory.CreateDirectory(folder);
        try
        {
            // FileShare.None is an exclusive flock(2) on Linux and macOS, a share mode on Windows: either refuses a
            // second process, and a second silo in this process.
            _held ??= new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new DataFolderInUseException(folder, e);
        }
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}

/// <summary>Another silo holds the data folder (<see cref="DataFolderLock"/>).</summary>
public sealed class DataFolderInUseException(string folder, Exception inner) : InvalidOperationException(
    $"The data folder '{folder}' is in use by another silo. Stop that silo, or give this one a folder of its own with Storage__Directory.", inner);
