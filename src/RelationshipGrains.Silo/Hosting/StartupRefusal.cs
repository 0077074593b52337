using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RelationshipGrains.Persistence.Files;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// The silo cannot start as configured. <see cref="Exception.Message"/> lists every problem found, naming each setting
/// the way an operator types it as an environment variable; Program prints it and exits with code 1, no stack trace.
/// </summary>
public sealed partial class StartupRefusal(IReadOnlyList<string> problems)
    : Exception("The silo cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>A configuration key as an environment variable: <c>Messaging:RabbitMq:Password</c> → <c>Messaging__RabbitMq__Password</c>.</summary>
    public static string Typed(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Every setting named in <paramref name="message"/> (<c>Auth:Keys:0:Role</c>) as it is typed (<c>Auth__Keys__0__Role</c>).</summary>
    public static string TypedIn(string message) => SettingName().Replace(message, m => Typed(m.Value));

    /// <summary>Failures of the options validators that run as the host starts, as one refusal.</summary>
    public static StartupRefusal? From(Exception exception) => exception switch
    {
        OptionsValidationException invalid => new([.. invalid.Failures.Select(TypedIn)]),
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            new([.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Select(TypedIn)]),
        // Taken before the host starts (Program.cs), so it comes alone, not inside the host's failure.
        DataFolderInUseException inUse => new([inUse.Message]),
        _ => null,
    };

    // A section name, then one or more ':'-separated parts: "Auth:Keys:0:Role", "Inbound:Sources:service-desk:Secret"
    // (a key named by the operator may hold '-', '_' and '.'). URLs ("https://...") start in lower case.
    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]*(?::[A-Za-z0-9_.-]*[A-Za-z0-9])+\b")]
    private static partial Regex SettingName();

    public static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new StartupRefusal(problems);
        }
    }
}
