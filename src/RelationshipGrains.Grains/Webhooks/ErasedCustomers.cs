using System.Text.Json;

namespace RelationshipGrains.Grains.Webhooks;

/// <summary>Which waiting deliveries and dead letters an erasure takes: what they say is the customer's.</summary>
public static class ErasedCustomers
{
    /// <summary>
    /// True for a delivery about <paramref name="customerId"/> raised before the erasure. One kept before deliveries
    /// named their customer is read from its body, which names them by their own id unless a partner's.
    /// </summary>
    public static bool Concerns(string? deliveryCustomerId, string body, DateTimeOffset? raisedAt, string customerId, DateTimeOffset raisedBefore) =>
        !(raisedAt >= raisedBefore) && (deliveryCustomerId ?? BodyCustomerId(body)) == customerId;

    private static string? BodyCustomerId(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("customerId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
