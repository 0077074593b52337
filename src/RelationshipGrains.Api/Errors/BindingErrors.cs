using System.Text.RegularExpressions;

namespace RelationshipGrains.Api.Errors;

/// <summary>
/// ASP.NET Core's messages for a request it could not bind speak of C# types and services ("Failed to bind parameter
/// \"Nullable&lt;int&gt; limit\"", "Did you mean to use a Service instead?"); this says the same to the caller in the API's
/// own terms, naming the field.
/// </summary>
internal static partial class BindingErrors
{
    /// <summary>The field at fault and a plain sentence, or the message as it came when it is none of the known ones.</summary>
    public static (string? Field, string Message) Explain(string message)
    {
        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return (name, $"{name} must be {Expected(bind.Groups["type"].Value)}; \"{bind.Groups["value"].Value}\" is not.");
        }

        if (NotProvided().Match(message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return missing.Groups["source"].Value == "body" ? ("body", "The request needs a JSON body.") : (name, $"{name} is required.");
        }

        if (NoBody().IsMatch(message))
        {
            return ("body", "The request needs a JSON body.");
        }

        return (FieldOf().Match(message) is { Success: true } field ? field.Groups[1].Value : null, message);
    }

    private static string Expected(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?') switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
        "double" or "decimal" or "float" => "a number",
        "bool" or "Boolean" => "true or false",
        "DateTimeOffset" or "DateTime" => "a date and time such as 2026-01-31T09:30:00Z",
        "Guid" => "a UUID",
        _ => "one of the values the API document lists for it",
    };

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>\\w+)\" from \"(?<value>.*)\"\\.$")]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>\\w+)\" was not provided from (?<source>[a-z ]+?)( string)?\\.$")]
    private static partial Regex NotProvided();

    [GeneratedRegex("^Implicit body inferred for parameter \"\\w+\" but no body was provided")]
    private static partial Regex NoBody();

    [GeneratedRegex("parameter \"[^\"]* (\\w+)\"")]
    private static partial Regex FieldOf();
}
