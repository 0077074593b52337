using System.Text.Json.Nodes;
using RelationshipGrains.Grains.Privacy;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>
/// What a partner's webhook may see of an event: only events that name the partner, with the customer under the
/// partner's pseudonym and other partners left out.
/// </summary>
public static class PartnerPayload
{
    private static readonly string[] PartnerLists = ["partnerIds", "matchedPartnerIds"];

    /// <summary>Lists of slots, each naming the partner that fills it with its terms.</summary>
    private static readonly string[] SlotLists = ["slots", "orderedSlots"];

    /// <summary>The event shaped for <paramref name="partnerId"/>, or null when it does not concern them.</summary>
    public static JsonObject? For(JsonObject data, string partnerId, Pseudonyms pseudonyms)
    {
        if (!Names(data, partnerId))
        {
            return null;
        }

        if (data["customerId"]?.GetValue<string>() is { } customerId)
        {
            data["customerId"] = pseudonyms.For(customerId, partnerId);
        }

        foreach (var list in SlotLists)
        {
            if (data[list] is JsonArray slots)
            {
                data[list] = new JsonArray([.. slots.Where(s => Is(s?["partnerId"], partnerId)).Select(s => s!.DeepClone())]);
            }
        }

        foreach (var list in PartnerLists.Where(l => data[l] is JsonArray))
        {
            data[list] = new JsonArray(partnerId);
        }

        return data;
    }

    private static bool Names(JsonObject data, string partnerId) =>
        Is(data["partnerId"], partnerId)
        || SlotLists.Any(l => data[l] is JsonArray slots && slots.Any(s => Is(s?["partnerId"], partnerId)))
        || PartnerLists.Any(l => data[l] is JsonArray ids && ids.Any(id => Is(id, partnerId)));

    private static bool Is(JsonNode? node, string partnerId) => node is JsonValue v && v.TryGetValue<string>(out var s) && s == partnerId;
}
