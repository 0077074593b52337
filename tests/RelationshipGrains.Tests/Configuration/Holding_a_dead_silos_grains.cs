using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Tests.Configuration;

/// <summary>
/// After a crash the grain directory holds the dead silo's grains for a lease. A production silo ends it 2 s after a
/// declaration that took the whole failure-detection window, not Orleans' 30 s, unless the operator says otherwise.
/// </summary>
public sealed class Holding_a_dead_silos_grains
{
    private static async Task<TimeSpan> LeaseAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddConfiguration(ProductionConfiguration.Build(with:
            [new("Silo:Profile", ProductionProfile.Name), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))]));
        builder.AddRelationshipGrainsSilo();
        await using var app = builder.Build();
        return app.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.RangeLeaseDuration;
    }

    [Fact]
    public async Task The_lease_is_the_detection_window_and_two_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(2 * 3 + 2),
            await LeaseAsync(("Silo:Membership:ProbeTimeout", "00:00:02"), ("Silo:Membership:NumMissedProbesLimit", "3")));

        var orleans = new ClusterMembershipOptions();
        Assert.Equal(orleans.ProbeTimeout * orleans.NumMissedProbesLimit + TimeSpan.FromSeconds(2), await LeaseAsync());
    }

    [Fact]
    public async Task An_operator_sets_the_lease()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), await LeaseAsync(("Silo:GrainDirectory:RangeLeaseDuration", "00:00:30")));
    }
}
