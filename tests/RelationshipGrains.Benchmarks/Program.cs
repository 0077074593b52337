using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Benchmarks.Scenarios;

// dotnet run -c Release --project tests/RelationshipGrains.Benchmarks -- [memory|grain|http|postgres|durability|scaling|flat|tables|all] [--quick] [--json PATH]
// More than one scenario: each runs in a process of its own (ScenarioProcess), unless --in-process.
var quick = args.Contains("--quick");
var inProcess = args.Contains(ScenarioProcess.InProcess);
var jsonIndex = Array.IndexOf(args, "--json");
var jsonPath = jsonIndex >= 0 && jsonIndex + 1 < args.Length ? args[jsonIndex + 1] : "artifacts/benchmarks/results.json";
var chosen = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && a != jsonPath).DefaultIfEmpty("all").ToHashSet();
var options = new BenchOptions(quick);
var runner = new LoadRunner(options.WarmUp, options.Duration);
var results = new List<Measured>();
var scenarios = new (string Name, Func<Task> Run)[]
{
    // First, for a run of them all in one process (--in-process): the journals of every later scenario return their
    // 1 KB buffer pages to Orleans' shared page pool (192,143 pages, about 200 MB, after `grain`), and customers
    // activated after that take a pooled page instead of a new one, so the memory row read 8.3-8.5 KB per customer
    // where a fresh process measured 9.6.
    ("memory", () => MemoryAndActivation.RunAsync(options, results)),
    ("grain", () => GrainPath.RunAsync(options, runner, results)),
    ("http", () => HttpPath.RunAsync(options, runner, results)),
    ("postgres", () => PostgresBaseline.RunAsync(options, runner, results)),
    ("durability", () => DurabilityCost.RunAsync(options, runner, results)),
    ("scaling", () => Scaling.RunAsync(options, runner, results)),
    ("flat", () => FlatCost.RunAsync(options, runner, results)),
    ("tables", () => TableJournals.RunAsync(options, runner, results)),
};

var unknown = chosen.Except(scenarios.Select(s => s.Name).Append("all")).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown scenario(s): {string.Join(", ", unknown)}. Choose from: all, {string.Join(", ", scenarios.Select(s => s.Name))}.");
    return 2;
}

Console.WriteLine($"RelationshipGrains benchmarks ({(quick ? "quick" : "full")}) on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var failures = new List<string>();
var selected = scenarios.Where(s => chosen.Contains("all") || chosen.Contains(s.Name)).ToList();
var isolated = selected.Count > 1 && !inProcess;
foreach (var (name, run) in selected)
{
    Console.WriteLine($"running {name}{(isolated ? " in a process of its own" : "")}...");
    if (isolated)
    {
        var (exitCode, rows) = await ScenarioProcess.RunAsync(name, quick);
        results.AddRange(rows);
        if (exitCode != 0)
        {
            failures.Add($"Scenario {name} failed (its process exited with {exitCode}); its output is above.");
        }

        continue;
    }

    try
    {
        await run();
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"Scenario {name} failed: {e.Message}");
        failures.Add($"Scenario {name} failed: {e}");
    }
}

// A scenario's own process leaves the table to the one that started it.
if (!(inProcess && selected.Count == 1))
{
    ResultTable.Print(results, Console.Out);
}

await ResultTable.WriteJsonAsync(results, jsonPath);
Console.WriteLine($"Results written to {jsonPath}.");

// Again after the table, whole: a CI log is read from its tail, and the silos' shutdown logs follow a failure.
failures.ForEach(Console.Error.WriteLine);
return failures.Count == 0 ? 0 : 1;
