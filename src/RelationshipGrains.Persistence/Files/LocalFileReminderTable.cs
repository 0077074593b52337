using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RelationshipGrains.Persistence.Files;

/// <summary>
/// Reminders in the data folder, for the embedded profile's single silo: a selection round scheduled, or an outbox's
/// wake-up registered, before a restart still fires after it. One line per row: a change appends the row's new line
/// and blanks its old one in place, so the file holds the live rows only (an erased customer's reminders leave no id
/// behind) and is rewritten whole only once its blank lines outnumber them several times. Outboxes register and drop
/// a reminder per busy grain: a file rewritten whole on every change cost each one the size of the whole table.
/// </summary>
public sealed class LocalFileReminderTable(IOptions<LocalFileOptions> options, GroupCommit commit) : IReminderTable
{
    /// <summary>A file of fewer lines than this is never compacted: rewriting it would cost more than reading it.</summary>
    private const int LinesBeforeCompaction = 1_000;

    private readonly Lock _lock = new();
    private Dictionary<(GrainId Grain, string Name), Row> _rows = [];
    private long _etag;
    private int _lines;
    private long _length;

    /// <summary>Rewrites of the file so far: a line's offset holds only until the next one.</summary>
    private long _compactions;

    private string PathOfLog => Path.Combine(options.Value.Directory, "reminders.log");

    /// <summary>Where releases before 2026-12-05 kept every row, rewritten on each change; read once and folded into the log.</summary>
    private string PathOfTable => Path.Combine(options.Value.Directory, "reminders.json");

    private GroupCommit? Commit => options.Value.FlushToDisk ? commit : null;

    public async Task Init()
    {
        var rows = new Dictionary<(GrainId, string), Row>();
        var legacy = File.Exists(PathOfTable);
        if (legacy)
        {
            foreach (var row in JsonSerializer.Deserialize<List<StoredReminder>>(await File.ReadAllBytesAsync(PathOfTable)) ?? [])
            {
                rows[(GrainId.Parse(row.GrainId), row.Name)] = new Row(row.ToEntry(), -1, 0);
            }
        }

        var log = File.Exists(PathOfLog) ? await File.ReadAllBytesAsync(PathOfLog) : [];
        var (lines, rewrite) = Replay(log, rows);
        lock (_lock)
        {
            _rows = rows;
            _lines = lines;
            _length = log.Length;
            _etag = rows.Count == 0 ? 0 : rows.Values.Max(r => long.Parse(r.Entry.ETag ?? "0", CultureInfo.InvariantCulture));

            // What a crash left (a torn last line, a row twice) is rewritten away before anything is appended after it;
            // the old table goes once the log holds its rows (a crash in between reads both again, the log last).
            if (legacy || rewrite)
            {
                Compact();
                AtomicFile.Delete(PathOfTable, Commit);
            }
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => Read(r => r.GrainId == grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => Read(r => InRange(r.GrainId.GetUniformHashCode(), begin, end));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) ? Copy(row.Entry) : null);
        }
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        Row? replaced;
        long generation;
        string etag;
        var key = (entry.GrainId, entry.ReminderName);
        lock (_lock)
        {
            var stored = Copy(entry);
            stored.ETag = etag = (++_etag).ToString(CultureInfo.InvariantCulture);
            generation = _compactions;
            var had = _rows.TryGetValue(key, out var previous);
            replaced = had ? previous : null;
            var line = Line(stored);
            if (_lines >= Math.Max(LinesBeforeCompaction, 4 * _rows.Count))
            {
                _rows[key] = new Row(stored, -1, 0);
                CompactOrUndo(() => Undo(key, previous));
                return etag;
            }

            _rows[key] = new Row(stored, _length, line.Length);
            WriteOrUndo(line, _length, () => Undo(key, previous));
            _length += line.Length;
            _lines++;
        }

        // The new line is on disk before the old one goes: a crash in between leaves both, and the later one counts.
        await FlushAsync();
        if (replaced is { Offset: >= 0 } old)
        {
            lock (_lock)
            {
                // A rewrite since (another change's, while this one's flush was awaited) left the old line out, and
                // its offset now points into other rows' lines.
                if (_compactions != generation)
                {
                    return etag;
                }

                try
                {
                    Blank(old);
                }
                catch
                {
                    // Left in place, the old line would come back at the next start once the new one was blanked.
                    Compact();
                }
            }

            await FlushAsync();
        }

        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue((grainId, reminderName), out var row) || row.Entry.ETag != eTag)
            {
                return false;
            }

            _rows.Remove((grainId, reminderName));
            if (row.Offset < 0)
            {
                CompactOrUndo(() => _rows[(grainId, reminderName)] = row);
            }
            else
            {
                try
                {
                    Blank(row);
                }
                catch
                {
                    _rows[(grainId, reminderName)] = row;
                    throw;
                }
            }
        }

        await FlushAsync();
        return true;
    }

    public Task TestOnlyClearTable()
    {
        lock (_lock)
        {
            _rows.Clear();
            Compact();
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Applies the file's lines in order. A blank line, or one holding spaces that does not parse (a blanking cut
    /// short: rows are written without any), is a row that went; a last line without its newline is an append cut
    /// short. Either, or a row found twice (a crash between a new line and the blanking of the old), asks for the file
    /// to be rewritten, which <see cref="Init"/> does.
    /// </summary>
    private static (int Lines, bool Rewrite) Replay(byte[] log, Dictionary<(GrainId, string), Row> rows)
    {
        var rewrite = false;
        var lines = 0;
        for (var start = 0; start < log.Length; lines++)
        {
            var end = Array.IndexOf(log, (byte)'\n', start);
            if (end < 0)
            {
                // Cut short by a crash while it was appended, so never acknowledged.
                return (lines, true);
            }

            var line = log.AsSpan(start, end - start);
            if (line.ContainsAnyExcept((byte)' '))
            {
                StoredReminder? stored = null;
                try
                {
                    stored = JsonSerializer.Deserialize<StoredReminder>(line)!;
                }
                catch (JsonException e) when (!line.Contains((byte)' '))
                {
                    throw new InvalidDataException($"Line {lines + 1} of the reminder log is damaged; it was not torn by a crash.", e);
                }
                catch (JsonException)
                {
                    rewrite = true;
                }

                if (stored is not null)
                {
                    var key = (GrainId.Parse(stored.GrainId), stored.Name);
                    rewrite |= rows.TryGetValue(key, out var earlier) && earlier.Offset >= 0;
                    rows[key] = new Row(stored.ToEntry(), start, end + 1 - start);
                }
            }

            start = end + 1;
        }

        return (lines, rewrite);
    }

    private void Undo((GrainId, string) key, Row? previous)
    {
        if (previous is not null)
        {
            _rows[key] = previous;
        }
        else
        {
            _rows.Remove(key);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="offset"/>, or takes back the change to the rows if the file did not take them.</summary>
    private void WriteOrUndo(byte[] bytes, long offset, Action undo)
    {
        try
        {
            var creating = !File.Exists(PathOfLog);
            AtomicFile.EnsureFolder(PathOfLog, Commit);
            using (var handle = File.OpenHandle(PathOfLog, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read))
            {
                RandomAccess.Write(handle, bytes, offset);
            }

            if (creating)
            {
                Commit?.SyncFolder(options.Value.Directory);
            }
        }
        catch
        {
            // Kept in memory, a removal looked done to a retry while the file still held the row, which came back with
            // the next start.
            undo();
            throw;
        }
    }

    /// <summary>Overwrites a row's line with spaces, keeping its newline: the row is gone, and so is every id it named.</summary>
    private void Blank(Row row)
    {
        var spaces = new byte[row.Length];
        spaces.AsSpan(0, row.Length - 1).Fill((byte)' ');
        spaces[^1] = (byte)'\n';
        WriteOrUndo(spaces, row.Offset, () => { });
    }

    /// <summary>Waits, outside the lock, until what was written is on disk; the group commit shares one flush among many.</summary>
    private async Task FlushAsync()
    {
        if (Commit is not { } group)
        {
            return;
        }

        await group.FlushAsync(File.OpenHandle(PathOfLog, FileMode.Open, FileAccess.Write, FileShare.ReadWrite));
    }

    private void CompactOrUndo(Action undo)
    {
        var compactions = _compactions;
        try
        {
            Compact();
        }
        catch when (_compactions != compactions)
        {
            // Failed after the rename: the file holds the change, and so does memory, taken up with it. Undone, memory
            // held a row at an offset into the file replaced. The caller still fails: the change may not be on disk.
            throw;
        }
        catch
        {
            undo();
            throw;
        }
    }

    /// <summary>Rewrites the file as one line per row, under the lock.</summary>
    private void Compact()
    {
        var text = new MemoryStream();
        var rows = new Dictionary<(GrainId, string), Row>(_rows.Count);
        foreach (var (key, row) in _rows)
        {
            var line = Line(row.Entry);
            rows[key] = new Row(row.Entry, text.Length, line.Length);
            text.Write(line);
        }

        // Taken up at the rename: should the folder's flush fail after it, the file under the name is the new one, and
        // a change written at the old one's offsets blanked and appended into the middle of other rows' lines.
        AtomicFile.Replace(PathOfLog, text.ToArray(), Commit, renamed: () =>
        {
            _compactions++;
            _rows = rows;
            _lines = rows.Count;
            _length = text.Length;
        });
    }

    private Task<ReminderTableData> Read(Func<ReminderEntry, bool> match)
    {
        lock (_lock)
        {
            return Task.FromResult(new ReminderTableData([.. _rows.Values.Select(r => r.Entry).Where(match).Select(Copy)]));
        }
    }

    private static byte[] Line(ReminderEntry entry) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(StoredReminder.From(entry)) + "\n");

    /// <summary>The ring range (begin, end], wrapping past the top when begin is not below end.</summary>
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Copy(ReminderEntry r) => new()
    {
        GrainId = r.GrainId, ReminderName = r.ReminderName, StartAt = r.StartAt, Period = r.Period, ETag = r.ETag,
    };

    /// <summary>A row and where its line is in the file (its offset, -1 when not written there yet, and its length with the newline).</summary>
    private sealed record Row(ReminderEntry Entry, long Offset, int Length);

    /// <summary>A row as a line of the log, and as an element of the old table.</summary>
    private sealed record StoredReminder(string GrainId, string Name, DateTime StartAt, TimeSpan Period, string ETag)
    {
        public static StoredReminder From(ReminderEntry r) => new(r.GrainId.ToString(), r.ReminderName, r.StartAt, r.Period, r.ETag ?? "0");

        public ReminderEntry ToEntry() => new()
        {
            GrainId = Orleans.Runtime.GrainId.Parse(GrainId), ReminderName = Name, StartAt = StartAt, Period = Period, ETag = ETag,
        };
    }
}
