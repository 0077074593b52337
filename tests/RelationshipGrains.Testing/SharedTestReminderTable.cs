using System.Collections.Concurrent;

namespace RelationshipGrains.Testing;

/// <summary>
/// A reminder table shared by every silo of an in-process cluster, standing in for Azure Tables: unlike
/// Orleans' in-memory table (a grain on one silo), it outlives any silo the test kills.
/// </summary>
public sealed class SharedTestReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Name), ReminderEntry> _rows = new();
    private readonly ConcurrentDictionary<(GrainId Grain, string Operation), int> _calls = new();
    private long _etag;

    /// <summary>How often <paramref name="operation"/> (a method of this table) was called for <paramref name="grainId"/>.</summary>
    public int Calls(GrainId grainId, string operation) => _calls.GetValueOrDefault((grainId, operation));

    /// <summary>Whether the table holds the reminder; not counted as a call.</summary>
    public bool Holds(GrainId grainId, string reminderName) => _rows.ContainsKey((grainId, reminderName));

    private void Count(GrainId grainId, string operation) => _calls.AddOrUpdate((grainId, operation), 1, (_, n) => n + 1);

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        Count(grainId, nameof(ReadRows));
        return Task.FromResult(new ReminderTableData(_rows.Values.Where(r => r.GrainId == grainId).Select(Copy).ToList()));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.FromResult(new ReminderTableData(_rows.Values.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).Select(Copy).ToList()));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        Count(grainId, nameof(ReadRow));
        return Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) ? Copy(row) : null);
    }

    /// <summary>While set, registering a reminder fails, as when the table cannot be reached.</summary>
    public bool FailUpserts { get; set; }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        if (FailUpserts)
        {
            throw new TimeoutException("The reminder table did not answer (a test's outage).");
        }

        Count(entry.GrainId, nameof(UpsertRow));
        var stored = Copy(entry);
        stored.ETag = Interlocked.Increment(ref _etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _rows[(entry.GrainId, entry.ReminderName)] = stored;
        return Task.FromResult<string?>(stored.ETag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        Count(grainId, nameof(RemoveRow));
        return Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) && row.ETag == eTag
            && _rows.TryRemove(new KeyValuePair<(GrainId, string), ReminderEntry>((grainId, reminderName), row)));
    }

    public Task TestOnlyClearTable()
    {
        _rows.Clear();
        return Task.CompletedTask;
    }

    /// <summary>The ring range (begin, end], wrapping past the top when begin is not below end.</summary>
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Copy(ReminderEntry r) => new()
    {
        GrainId = r.GrainId, ReminderName = r.ReminderName, StartAt = r.StartAt, Period = r.Period, ETag = r.ETag,
    };
}
