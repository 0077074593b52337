using RelationshipGrains.Errors;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Integration.Consumers;

/// <summary>The ERP's order statuses ("in-production", "InProduction", "shipped"...) as fulfilment statuses.</summary>
public static class ErpStatuses
{
    public static FulfilmentStatus Parse(string? status) =>
        Enum.TryParse<FulfilmentStatus>((status ?? "").Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
        && parsed != FulfilmentStatus.Pending && Enum.IsDefined(parsed)
            ? parsed
            : throw new RelationshipValidationException("status", $"'{status}' is not an ERP order status we know: accepted, in-production, shipped, delivered or failed.");
}
