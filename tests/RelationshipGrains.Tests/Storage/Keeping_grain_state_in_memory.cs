using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using RelationshipGrains.Communities;
using RelationshipGrains.Grains;
using RelationshipGrains.Grains.Communities;
using RelationshipGrains.Grains.Hosting;
using RelationshipGrains.Partners;
using RelationshipGrains.Silo.Hosting;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// The throw-away profile (<c>Storage__Provider=Memory</c>) kept small grain state in Orleans' memory grain storage
/// with its default serializer, Newtonsoft JSON, which the Azure profile had already been moved off: it cannot read
/// back our immutable records, so a partner or an archive page read after its grain left memory failed.
/// </summary>
public sealed class Keeping_grain_state_in_memory : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRelationshipGrains();
            silo.Services.Configure<RelationshipGrains.Grains.Security.ClientSurfaceOptions>(o => o.ChannelAppsOnly = false);
            // As the silo chooses its storage, so the test fails if the profile goes back to the default serializer.
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection([new KeyValuePair<string, string?>("Storage:Provider", "Memory")]).Build();
            silo.AddConfiguredGrainStorage(configuration, new SiloOptions());
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_partner_and_an_archive_page_read_back_after_their_grains_left_memory()
    {
        var partnerId = Keys.Customer("partner");
        var partner = _cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await partner.AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("Velo repairs", ["bikes"], null));
        var page = _cluster.Client.GetGrain<ICommunityPostPageGrain>($"{Keys.Customer("com")}/0");
        CommunityPost post = new("p1", "p1", "ada", "Chairs", "Oak or ash?", DateTimeOffset.UnixEpoch, Replies: 2);
        await page.StoreAsync([post]);

        await _cluster.DeactivateAsync(partner);
        await _cluster.DeactivateAsync(page);

        Assert.Equal("Velo repairs", (await partner.GetAsync())!.Name);
        Assert.Equal([post], await page.GetAsync());
    }
}
