using System.Diagnostics;
using RelationshipGrains.Testing;

namespace RelationshipGrains.Tests.Contract;

/// <summary>
/// Spectral's OpenAPI ruleset (spectral:oas) over the checked-in document: no error, no warning, no hint. The test
/// command installs Spectral (npm ci in infra/tools/spectral); the served document is compared with the checked-in one
/// by <see cref="Publishing_the_contract"/>.
/// </summary>
public sealed class Linting_the_contract
{
    [Fact]
    public async Task Spectral_finds_nothing_to_report()
    {
        var folder = Path.Combine(Repository.Root(), "infra", "tools", "spectral");
        var spectral = Path.Combine(folder, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"Spectral is not installed: run 'npm ci' in {folder} (the test command does).");

        var start = new ProcessStartInfo(spectral, ["lint", ContractDocument.CheckedInPath, "--ruleset", Path.Combine(folder, ".spectral.yaml"),
            "--fail-severity", "hint", "--format", "text"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var lint = Process.Start(start)!;
        var output = lint.StandardOutput.ReadToEndAsync();
        var errors = lint.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await lint.WaitForExitAsync(limit.Token);

        Assert.True(lint.ExitCode == 0, $"spectral exited {lint.ExitCode}:\n{await output}\n{await errors}");
        Assert.Contains("No results with a severity of 'hint' or higher found!", await output);
    }
}
