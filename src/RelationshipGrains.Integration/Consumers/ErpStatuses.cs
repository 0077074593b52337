using RelationshipGrains.Errors;
using RelationshipGrains.Naming;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Integration.Consumers;

/// <summary>The ERP's order statuses ("in-production", "InProduction", "shipped"...) as fulfilment statuses.</summary>
public static class ErpStatuses
{
    public static FulfilmentStatus Parse(string? status) =>
        Kebab.TryParse<FulfilmentStatus>(status, out var parsed) && parsed != FulfilmentStatus.Pending
            ? parsed
            : throw new RelationshipValidationException("status",
                $"'{status}' is not an ERP order status we know: accepted, in-production, shipped, delivered, failed or cancelled.");

    /// <summary>
    /// The ERP confirms it cancelled the order, as it may after the adapter asked it to; no fulfilment status, since a
    /// slot's order is cancelled only with its chain.
    /// </summary>
    public static bool IsCancelled(string? status) =>
        status?.Trim().ToLowerInvariant() is "cancelled" or "canceled";

    /// <summary>Refuses a status that is neither a fulfilment status nor a cancellation.</summary>
    public static void Validate(string? status)
    {
        if (!IsCancelled(status))
        {
            Parse(status);
        }
    }
}
