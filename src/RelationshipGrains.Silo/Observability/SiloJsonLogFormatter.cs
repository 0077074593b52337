using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace RelationshipGrains.Silo.Observability;

/// <summary>Settings of <see cref="SiloJsonLogFormatter"/>: the silo's name, stamped on every line.</summary>
public sealed class SiloJsonLogFormatterOptions : ConsoleFormatterOptions
{
    public string SiloName { get; set; } = Environment.MachineName;
}

/// <summary>
/// One JSON object per line with the UTC time and the silo's name, so a collector merging several silos' logs can
/// order them and tell them apart (the built-in JSON formatter has neither by default, nor a way to add a fixed field).
/// </summary>
public sealed class SiloJsonLogFormatter(IOptionsMonitor<SiloJsonLogFormatterOptions> options) : ConsoleFormatter(Name)
{
    public new const string Name = "silo-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("Silo", options.CurrentValue.SiloName);
            json.WriteString("LogLevel", logEntry.LogLevel.ToString());
            json.WriteString("Category", logEntry.Category);
            json.WriteNumber("EventId", logEntry.EventId.Id);
            json.WriteString("Message", message);
            if (logEntry.Exception is { } exception)
            {
                json.WriteString("Exception", exception.ToString());
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                json.WriteStartObject("State");
                foreach (var (key, value) in fields)
                {
                    json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
            }

            if (options.CurrentValue.IncludeScopes && scopeProvider is not null)
            {
                json.WriteStartArray("Scopes");
                scopeProvider.ForEachScope((scope, writer) => writer.WriteStringValue(Convert.ToString(scope, System.Globalization.CultureInfo.InvariantCulture)), json);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
