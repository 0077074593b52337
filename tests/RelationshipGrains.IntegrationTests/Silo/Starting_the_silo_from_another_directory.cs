using System.Net.Http.Headers;
using System.Text;
using RelationshipGrains.Api.Auth;

namespace RelationshipGrains.IntegrationTests.Silo;

/// <summary>
/// A service manager, or infra/cluster.sh, starts the silo from a directory other than its own: it still reads the
/// appsettings.json beside its dll (it read none, and logged six Information lines for every HTTP request).
/// </summary>
public sealed class Starting_the_silo_from_another_directory
{
    [Fact]
    public async Task The_silo_reads_the_settings_beside_its_dll_and_logs_no_line_per_request()
    {
        var logs = Path.Combine(Repository.Root(), "artifacts", "silo-logs");
        var elsewhere = Directory.CreateTempSubdirectory("rg-elsewhere-").FullName;
        try
        {
            await using var silo = SiloProcess.Start($"elsewhere-{Guid.NewGuid():N}"[..18], new Dictionary<string, string>(), logs, elsewhere);
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}"), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyOptions.DevelopmentOperatorKey);
            var recorded = await http.PostAsync("/api/v1/customers/elsewhere/interactions", new StringContent(
                """{"interactionId":"one","channel":"web","direction":"inbound","author":{"kind":"customer"},"text":"Hello"}""", Encoding.UTF8, "application/json"));
            Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());

            // The logger writes in order, so once the stop's own line is out, any line the request logged is too.
            Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(30)));
            var log = await File.ReadAllTextAsync(silo.LogPath);
            Assert.Contains("Application is shutting down", log, StringComparison.Ordinal);
            Assert.DoesNotContain("Request starting", log, StringComparison.Ordinal);
            Assert.DoesNotContain("/api/v1/customers/elsewhere/interactions", log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
