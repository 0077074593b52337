namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// The silo cannot start as configured. <see cref="Exception.Message"/> lists every problem found, naming each setting
/// the way an operator types it as an environment variable; Program prints it and exits with code 1, no stack trace.
/// </summary>
public sealed class StartupRefusal(IReadOnlyList<string> problems)
    : Exception("The silo cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>A configuration key as an environment variable: <c>Messaging:RabbitMq:Password</c> → <c>Messaging__RabbitMq__Password</c>.</summary>
    public static string Typed(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    public static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new StartupRefusal(problems);
        }
    }
}
