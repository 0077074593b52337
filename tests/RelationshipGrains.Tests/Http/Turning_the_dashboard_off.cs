using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

/// <summary>
/// <c>Silo__Dashboard=false</c> takes the Orleans dashboard out of the silo: its per-call profiler and its collector,
/// which reads every Orleans metric each second, and its pages, whose link in the console then explains itself.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class Turning_the_dashboard_off(ApiFixture api) : IDisposable
{
    private readonly WebApplicationFactory<Program> _silo = new ApiFixture().WithWebHostBuilder(b => b.UseSetting("Silo:Dashboard", "false"));

    [Fact]
    public async Task The_silo_runs_without_the_dashboards_grain_call_profiler_and_says_so_at_its_address()
    {
        Assert.NotEmpty(DashboardFilters(api));
        Assert.Empty(DashboardFilters(_silo));

        var page = await Client(ApiFixture.OperatorKey).GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Silo__Dashboard=false", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(ApiFixture.ChannelKey).GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(ApiFixture.OperatorKey).GetAsync("/metrics")).StatusCode);
    }

    public void Dispose() => _silo.Dispose();

    private HttpClient Client(string key) => _silo.ClientWithKey(key);

    private static IEnumerable<IIncomingGrainCallFilter> DashboardFilters(WebApplicationFactory<Program> silo) =>
        silo.Services.GetServices<IIncomingGrainCallFilter>().Where(f => f.GetType().Namespace?.StartsWith("Orleans.Dashboard", StringComparison.Ordinal) == true);
}
