using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Direct;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// The ERP adapter as the embedded silo runs it: events handed over directly (<see cref="DirectDelivery"/>), the
/// ERP's answers applied through the in-memory bus (<see cref="InProcessAnswers"/>). The other ERP tests run the
/// MassTransit path a RabbitMQ cluster takes.
/// </summary>
public sealed class Placing_erp_orders_from_the_embedded_silo
{
    [Fact]
    public async Task A_committed_chain_places_its_order_and_the_erp_answer_moves_the_slot_on()
    {
        await using var erp = await TestReceiver.StartAsync();
        erp.Answer = r => r.Path == "/erp/orders" ? (201, """{"id":"erp-9","status":"in-production"}""") : (200, "{}");
        await using var silo = new ApiFixture();
        silo.Settings["Erp:BaseUrl"] = $"{erp.BaseUrl}/erp/";
        using var _ = silo.CreateClient();
        Assert.IsType<DirectDelivery>(silo.Services.GetRequiredService<IIntegrationEventPublisher>());

        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(silo.Services.GetRequiredService<IGrainFactory>(), role: "frame-maker");
        var chainId = chain.GetPrimaryKeyString();

        var order = Assert.Single(await erp.WaitForAsync(r => r.Path == "/erp/orders" && r.Body.Contains(chainId, StringComparison.Ordinal)));
        using var body = JsonDocument.Parse(order.Body);
        Assert.Equal($"order/{chainId}/frame-maker", order.Headers["Idempotency-Key"]);
        Assert.Equal(maker, body.RootElement.GetProperty("partnerId").GetString());
        // The test sees the ERP's request before the answer is applied: it waits for the chain, as the receiver waits.
        Assert.Equal(FulfilmentStatus.InProduction, await Poll.UntilAsync(async () => (await chain.GetForOwnerAsync(owner)).Slots.Single().Fulfilment,
            status => status == FulfilmentStatus.InProduction, TimeSpan.FromSeconds(30), "the ERP's answer moving the slot on"));
    }

    [Fact]
    public void Direct_delivery_stops_before_the_silo_so_no_consumer_calls_a_silo_that_is_stopping()
    {
        using var silo = new ApiFixture();
        using var _ = silo.CreateClient();

        // A host stops its services in the reverse of their order here.
        var hosted = silo.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();
        var siloAt = hosted.IndexOf("SiloHostedService");
        Assert.True(siloAt >= 0, $"No Orleans silo among the hosted services: {string.Join(", ", hosted)}.");
        Assert.True(hosted.IndexOf(nameof(DirectDelivery)) > siloAt, $"Direct delivery must start after the silo: {string.Join(", ", hosted)}.");
    }
}
