using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RelationshipGrains.Persistence.AzureStorage.Tables;

/// <summary>Checks the options at silo start, naming the setting at fault.</summary>
public sealed partial class TableJournalOptionsValidator : IValidateOptions<TableJournalOptions>
{
    public ValidateOptionsResult Validate(string? name, TableJournalOptions options)
    {
        const string Prefix = "Azure Table journal storage";
        List<string> failures = [];
        if (!IsTableName(options.TableName))
        {
            failures.Add($"{Prefix}: TableName '{options.TableName}' is not a valid table name (3-63 letters and digits, starting with a letter).");
        }

        StorageAccountRules.Check(Prefix, options.ConnectionString, options.ServiceUri, options.Credential, options.MaxConcurrentRequests, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsTableName(string? name) => name is not null && TableNameRule().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNameRule();
}
