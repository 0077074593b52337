using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>Checks the options at silo start, naming the setting at fault.</summary>
public sealed partial class AzureJournalOptionsValidator : IValidateOptions<AzureJournalOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureJournalOptions options)
    {
        const string Prefix = "Azure journal storage";
        List<string> failures = [];
        if (!IsContainerName(options.ContainerName))
        {
            failures.Add($"{Prefix}: ContainerName '{options.ContainerName}' is not a valid container name "
                + "(3-63 characters of lower-case letters, digits and single hyphens, starting and ending with a letter or digit).");
        }

        StorageAccountRules.Check(Prefix, options.ConnectionString, options.ServiceUri, options.Credential, options.MaxConcurrentRequests, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsContainerName(string? name) =>
        name is not null && ContainerNameRule().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerNameRule();
}
