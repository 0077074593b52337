using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RelationshipGrains.Persistence.Files;

/// <summary>
/// Reminders in one file of the data folder, for the embedded profile's single silo: a selection round scheduled
/// before a restart still fires after it. Reminders change rarely, so every change rewrites the file whole.
/// </summary>
public sealed class LocalFileReminderTable(IOptions<LocalFileOptions> options, GroupCommit commit) : IReminderTable
{
    private readonly Lock _lock = new();
    private Dictionary<(GrainId Grain, string Name), ReminderEntry> _rows = [];
    private long _etag;

    private string PathOfTable => Path.Combine(options.Value.Directory, "reminders.json");

    public async Task Init()
    {
        if (!File.Exists(PathOfTable))
        {
            return;
        }

        var rows = JsonSerializer.Deserialize<List<StoredReminder>>(await File.ReadAllBytesAsync(PathOfTable)) ?? [];
        lock (_lock)
        {
            _rows = rows.Select(r => r.ToEntry()).ToDictionary(r => (r.GrainId, r.ReminderName));
            _etag = rows.Count == 0 ? 0 : rows.Max(r => long.Parse(r.ETag, CultureInfo.InvariantCulture));
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => Read(r => r.GrainId == grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => Read(r => InRange(r.GrainId.GetUniformHashCode(), begin, end));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) ? Copy(row) : null);
        }
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        lock (_lock)
        {
            var stored = Copy(entry);
            stored.ETag = (++_etag).ToString(CultureInfo.InvariantCulture);
            var key = (entry.GrainId, entry.ReminderName);
            var had = _rows.TryGetValue(key, out var previous);
            _rows[key] = stored;
            SaveOrUndo(() =>
            {
                if (had)
                {
                    _rows[key] = previous!;
                }
                else
                {
                    _rows.Remove(key);
                }
            });
            return Task.FromResult<string?>(stored.ETag);
        }
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue((grainId, reminderName), out var row) || row.ETag != eTag)
            {
                return Task.FromResult(false);
            }

            _rows.Remove((grainId, reminderName));
            SaveOrUndo(() => _rows[(grainId, reminderName)] = row);
            return Task.FromResult(true);
        }
    }

    public Task TestOnlyClearTable()
    {
        lock (_lock)
        {
            _rows.Clear();
            Save();
            return Task.CompletedTask;
        }
    }

    private Task<ReminderTableData> Read(Func<ReminderEntry, bool> match)
    {
        lock (_lock)
        {
            return Task.FromResult(new ReminderTableData([.. _rows.Values.Where(match).Select(Copy)]));
        }
    }

    /// <summary>
    /// Saves a change made to the rows, or takes it back if the file could not be written: kept in memory, a removal
    /// looked done to a retry while the file still held the row, which came back with the next start.
    /// </summary>
    private void SaveOrUndo(Action undo)
    {
        try
        {
            Save();
        }
        catch
        {
            undo();
            throw;
        }
    }

    /// <summary>Written under the lock, so concurrent changes reach the file in order.</summary>
    private void Save() =>
        AtomicFile.Replace(PathOfTable, JsonSerializer.SerializeToUtf8Bytes(_rows.Values.Select(StoredReminder.From).ToList()), options.Value.FlushToDisk ? commit : null);

    /// <summary>The ring range (begin, end], wrapping past the top when begin is not below end.</summary>
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Copy(ReminderEntry r) => new()
    {
        GrainId = r.GrainId, ReminderName = r.ReminderName, StartAt = r.StartAt, Period = r.Period, ETag = r.ETag,
    };

    private sealed record StoredReminder(string GrainId, string Name, DateTime StartAt, TimeSpan Period, string ETag)
    {
        public static StoredReminder From(ReminderEntry r) => new(r.GrainId.ToString(), r.ReminderName, r.StartAt, r.Period, r.ETag ?? "0");

        public ReminderEntry ToEntry() => new()
        {
            GrainId = Orleans.Runtime.GrainId.Parse(GrainId), ReminderName = Name, StartAt = StartAt, Period = Period, ETag = ETag,
        };
    }
}
