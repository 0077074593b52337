using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RelationshipGrains.Testing;

/// <summary>Collects the warnings and errors a host logs, for tests that expect a log line or its absence.</summary>
public sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    /// <summary>The messages, in the order they were logged.</summary>
    public IReadOnlyCollection<string> Lines => [.. _entries.Select(e => e.Message)];

    /// <summary>Each line with its category and level.</summary>
    public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collector(LogLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
