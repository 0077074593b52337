using MassTransit;
using RelationshipGrains.Customers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.IntegrationTests.Infrastructure;

namespace RelationshipGrains.IntegrationTests.Messaging;

[Collection(RabbitMqCollection.Name)]
public sealed class Applying_redelivered_messages
{
    private const int Customers = 50;

    [Fact]
    public async Task Every_back_office_message_delivered_twice_has_one_effect()
    {
        var consumed = new ConsumedMessages();
        var deployment = RabbitCluster.NewDeployment();
        var cluster = await RabbitCluster.StartAsync(deployment, silos: 2, consumed);
        var back = RabbitCluster.BackOfficeBus(deployment);
        await back.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        try
        {
            var prefix = $"twice-{Guid.NewGuid():N}"[..20];
            var now = DateTimeOffset.UtcNow;
            var sends = Enumerable.Range(1, Customers).SelectMany(c => new object[]
            {
                new ServiceCaseUpdated($"{prefix}-{c}", $"case-{c}", "Wobbly wheel", "open", null, now),
                new MarketingTouchRecorded($"{prefix}-{c}", "winter", "email", "Winter tyres are in", "sent", now),
                new SocialMentionReceived($"{prefix}-{c}", "mastodon", "Great service today", null, null, now),
            }).Select(message => (Message: message, Id: Guid.NewGuid())).ToList();

            // Each message twice, the copies in parallel, as a broker redelivering after a lost acknowledgement would.
            await Task.WhenAll(sends.SelectMany(s => Enumerable.Range(0, 2).Select(_ =>
                back.Publish(s.Message, s.Message.GetType(), c => c.MessageId = s.Id))));
            await consumed.WaitForAsync<object>(m => CustomerOf(m)?.StartsWith(prefix, StringComparison.Ordinal) == true, sends.Count * 2, TimeSpan.FromMinutes(2));

            foreach (var c in Enumerable.Range(1, Customers))
            {
                var page = await cluster.Client.GetGrain<ICustomerGrain>($"{prefix}-{c}").GetTimelineAsync(new TimelineQuery(After: 0));
                Assert.Equal([TimelineEntryKind.Interaction, TimelineEntryKind.ServiceCase, TimelineEntryKind.MarketingTouch],
                    page.Entries.Select(e => e.Kind).Order());
            }
        }
        finally
        {
            await back.StopAsync();
            await cluster.DisposeAsync();
        }
    }

    private static string? CustomerOf(object message) => message switch
    {
        ServiceCaseUpdated m => m.CustomerId,
        MarketingTouchRecorded m => m.CustomerId,
        SocialMentionReceived m => m.CustomerId,
        _ => null,
    };
}
