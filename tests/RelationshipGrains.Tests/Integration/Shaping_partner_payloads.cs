using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Webhooks;

namespace RelationshipGrains.Tests.Integration;

public sealed class Shaping_partner_payloads
{
    private readonly Pseudonyms _pseudonyms = new(Options.Create(new PrivacyOptions { PseudonymSecret = "a-test-secret-for-pseudonyms" }));

    [Fact]
    public void A_cancelled_chain_shows_a_partner_its_own_order_and_none_of_the_other_partners_terms()
    {
        var cancelled = new ValueChainCancelled("vc-1", "ada", "Plans changed", WasCommitted: true, DateTimeOffset.UnixEpoch, ["maker", "painter"],
            [new CommittedSlot("frame", "maker", 1_200, "EUR", 10), new CommittedSlot("paint", "painter", 300, "EUR", 5)]);
        var data = JsonNode.Parse(IntegrationEvents.Serialize(cancelled))!.AsObject();

        var forMaker = PartnerPayload.For(data.DeepClone().AsObject(), "maker", _pseudonyms)!;
        var forStranger = PartnerPayload.For(data.DeepClone().AsObject(), "stranger", _pseudonyms);

        var slot = Assert.Single(forMaker["orderedSlots"]!.AsArray())!;
        Assert.Equal(("frame", "maker", 1_200m), (slot["role"]!.GetValue<string>(), slot["partnerId"]!.GetValue<string>(), slot["priceAmount"]!.GetValue<decimal>()));
        Assert.Equal(["maker"], forMaker["partnerIds"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(_pseudonyms.For("ada", "maker"), forMaker["customerId"]!.GetValue<string>());
        Assert.DoesNotContain("painter", forMaker.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(forStranger);
    }
}
