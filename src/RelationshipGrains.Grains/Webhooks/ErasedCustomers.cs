using System.Text.Json;

namespace RelationshipGrains.Grains.Webhooks;

/// <summary>Which waiting deliveries and dead letters an erasure takes: what they say is the customer's.</summary>
public static class ErasedCustomers
{
    /// <summary>
    /// True for a delivery raised before the erasure that is about the customer (<paramref name="deliveryCustomerId"/>)
    /// or whose body names them anywhere, by their id or a partner's pseudonym for them (<paramref name="names"/>): an
    /// idea's event lists its askers, one kept before deliveries named their customer has only its body to go by.
    /// </summary>
    public static bool Concerns(string? deliveryCustomerId, string body, DateTimeOffset? raisedAt, string customerId, IReadOnlyCollection<string> names,
        DateTimeOffset raisedBefore) =>
        !(raisedAt >= raisedBefore) && (deliveryCustomerId == customerId || names.Any(name => Names(body, name)));

    /// <summary>Ids need no escaping in JSON, so only a body holding the quoted name is parsed, to tell a value from a property's name.</summary>
    private static bool Names(string body, string name)
    {
        if (!body.Contains($"\"{name}\"", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("data", out var data) && HasValue(data, name);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasValue(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.String => element.ValueEquals(name),
        JsonValueKind.Object => element.EnumerateObject().Any(p => HasValue(p.Value, name)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => HasValue(e, name)),
        _ => false,
    };
}
