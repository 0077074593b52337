using System.Globalization;
using System.Text.Json;

namespace RelationshipGrains.Benchmarks.Measurement;

/// <summary>Prints the results as a table and writes them as JSON.</summary>
public static class ResultTable
{
    public static void Print(IReadOnlyList<Measured> results, TextWriter output)
    {
        var rows = results.Select(r => new[]
        {
            r.Scenario, r.Operation, r.Concurrency.ToString(CultureInfo.InvariantCulture), N(r.PerSecond, "0"), N(r.P50Ms, "0.000"), N(r.P99Ms, "0.000"),
            N(r.BytesAllocatedPerOp, "0"), r.CpuMicrosPerOp > 0 ? N(r.CpuMicrosPerOp, "0.0") : "", r.Ratio is { } ratio ? $"{ratio:0.00} of {r.Baseline}" : "", r.Note ?? "",
        }).ToList();
        string[] header = ["scenario", "operation", "callers", "ops/s", "p50 ms", "p99 ms", "alloc B/op", "cpu us/op", "ratio", "note"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine("| " + string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))) + " |");
        output.WriteLine("| " + string.Join(" | ", widths.Select(w => new string('-', w))) + " |");
        foreach (var row in rows)
        {
            output.WriteLine("| " + string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))) + " |");
        }
    }

    /// <summary>Fields too: the storage figures are a tuple.</summary>
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, IncludeFields = true };

    public static async Task WriteJsonAsync(IReadOnlyList<Measured> results, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, Json));
    }

    public static async Task<IReadOnlyList<Measured>> ReadJsonAsync(string path) =>
        JsonSerializer.Deserialize<List<Measured>>(await File.ReadAllTextAsync(path), Json) ?? [];

    private static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
