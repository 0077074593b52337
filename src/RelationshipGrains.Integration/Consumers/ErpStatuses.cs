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
            : throw new RelationshipValidationException("status", $"'{status}' is not an ERP order status we know: accepted, in-production, shipped, delivered or failed.");
}
