using Azure.Core;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>The checks every storage client's options share: how the account is reached, and the bound on requests.</summary>
internal static class StorageAccountRules
{
    public static void Check(string prefix, string? connectionString, Uri? serviceUri, TokenCredential? credential, int maxConcurrentRequests, List<string> failures)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(connectionString);
        var hasUri = serviceUri is not null;
        if (hasConnectionString == hasUri)
        {
            failures.Add($"{prefix}: set either ConnectionString, or ServiceUri with Credential (not both, not neither).");
        }
        else if (hasUri && credential is null)
        {
            failures.Add($"{prefix}: ServiceUri is set, so Credential is required.");
        }

        if (maxConcurrentRequests < 0)
        {
            failures.Add($"{prefix}: MaxConcurrentRequests is {maxConcurrentRequests}; give 1 or more, or 0 for no bound.");
        }
    }
}
