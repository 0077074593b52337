using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RelationshipGrains.Api.Auth;

namespace RelationshipGrains.IntegrationTests.Client;

/// <summary>
/// A .NET developer's first channel app, built as they would build it: the SDK packed into a folder feed, the sample
/// app (tests/RelationshipGrains.SampleChannelApp) copied outside this repository so none of its build settings apply,
/// and run against an embedded silo.
/// </summary>
public sealed class Building_a_channel_app_from_the_packages
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_sample_app_builds_from_the_packages_alone_and_holds_a_conversation()
    {
        var work = Path.Combine(Path.GetTempPath(), $"rg-sample-{Guid.NewGuid():N}");
        var feed = Path.Combine(work, "feed");
        var app = Path.Combine(work, "app");
        // A version no earlier run has put in the NuGet cache, so the app gets exactly these packages.
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Random.Shared.Next(1000)}";
        try
        {
            foreach (var project in new[] { "RelationshipGrains.Abstractions", "RelationshipGrains.Client", "RelationshipGrains.Client.Cluster" })
            {
                // Its own configuration, so packing never rewrites the Debug or Release builds other tests run from.
                await Run("dotnet", ["pack", Path.Combine(Repository.Root(), "src", project), "-c", "Pack", "-o", feed, $"-p:Version={version}", "--nologo"]);
                await AssertShipsItsTermsAndSources(project, Path.Combine(feed, $"{project}.{version}.nupkg"));
            }

            CopySample(app);
            await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="relationship-grains" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            await Run("dotnet", ["build", app, "-c", "Release", $"-p:RelationshipGrainsVersion={version}", "--nologo"]);

            var logs = Path.Combine(Repository.Root(), "artifacts", "silo-logs");
            await using var silo = SiloProcess.Start("sample-app-silo", new Dictionary<string, string> { ["Silo__Profile"] = "Embedded" }, logs);
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            var partner = $"sample-partner-{Guid.NewGuid():N}"[..24];
            await Register(silo, partner);
            var customer = $"sample-{Guid.NewGuid():N}"[..20];

            var output = await Run("dotnet", [Path.Combine(app, "bin", "Release", "net10.0", "RelationshipGrains.SampleChannelApp.dll")], new Dictionary<string, string>
            {
                ["RelationshipGrains__Client__Gateways__0"] = $"127.0.0.1:{silo.GatewayPort}",
                ["Sample__CustomerId"] = customer,
                ["Sample__PartnerId"] = partner,
                ["Logging__LogLevel__Default"] = "Warning",
            });

            Assert.Contains("recorded chat-1 as #1 (created: True); the retry answered #1 (created: False)", output);
            Assert.Contains("followed #2 live: Yes, two left in our Leeds store.", output);
            Assert.Contains("read 2 entries", output);
            Assert.Contains("intent want-bike is open", output);
            Assert.Contains($"consent to {partner}: profile", output);
            var assets = await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json"));
            Assert.Contains($"\"RelationshipGrains.Client/{version}\"", assets);
            Assert.Contains($"\"RelationshipGrains.Abstractions/{version}\"", assets);
            // A client of fixed, plain gateways pulls neither Redis nor Orleans' silo runtime (the cluster package does, for TLS).
            Assert.DoesNotContain("StackExchange.Redis", assets);
            Assert.DoesNotContain("\"Microsoft.Orleans.Runtime/", assets);
            Assert.DoesNotContain("\"RelationshipGrains.Client.Cluster/", assets);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>The licence travels in the package, the manifest names the commit it was packed from, and stepping into the SDK shows its sources.</summary>
    private static async Task AssertShipsItsTermsAndSources(string project, string path)
    {
        var package = PackageContents.Open(path);
        Assert.Equal("file", package.Element("license")?.Attribute("type")?.Value);
        Assert.Contains("RelationshipGrains", package.Text(package.Element("license")!.Value), StringComparison.Ordinal);
        Assert.StartsWith("Copyright", package["copyright"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(package["description"]));
        Assert.Equal("README.md", package["readme"]);
        var head = (await Run("git", ["-C", Repository.Root(), "rev-parse", "HEAD"])).Trim();
        Assert.Equal(head, package.Element("repository")?.Attribute("commit")?.Value);

        var folder = Path.Combine(Repository.Root(), "src", project);
        var sources = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .ToList();
        var embedded = package.EmbeddedSources($"lib/net10.0/{project}.dll");
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.Contains(embedded, e => e.Replace('\\', '/').EndsWith($"{project}/{s}", StringComparison.Ordinal)));
    }

    private static void CopySample(string destination)
    {
        var source = Path.Combine(Repository.Root(), "tests", "RelationshipGrains.SampleChannelApp");
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }

    private static async Task Register(SiloProcess silo, string partnerId)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyOptions.DevelopmentOperatorKey);
        var registered = await http.PutAsync($"/api/v1/partners/{partnerId}",
            new StringContent(JsonSerializer.Serialize(new { name = "Sample Cycles", categories = new[] { "bikes" } }), Encoding.UTF8, "application/json"));
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
    }

    /// <summary>Runs a command to its end (at most five minutes) and returns its output; a non-zero exit fails the test with it.</summary>
    private static async Task<string> Run(string file, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(StepLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', arguments)}' did not end within {StepLimit}.");
        }

        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, $"'{file} {string.Join(' ', arguments)}' exited {process.ExitCode}:\n{text}");
        return text;
    }
}
