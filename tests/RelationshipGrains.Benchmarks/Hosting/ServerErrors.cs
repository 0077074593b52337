using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>
/// The first errors a silo under measurement logged, kept so that a failed request can say why the server failed it.
/// A CI log shows only its tail, and a 500's body says nothing in the production environment; without this, a failed
/// quick run left only the status code.
/// </summary>
public sealed class ServerErrors : ILoggerProvider
{
    private const int Kept = 3;
    private readonly ConcurrentQueue<string> _errors = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Throws, naming the request, its status, its body and what the server logged, unless it succeeded.</summary>
    public async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync();
        var logged = _errors.IsEmpty ? "nothing logged at Error" : string.Join(Environment.NewLine, _errors);
        throw new HttpRequestException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {body}{Environment.NewLine}"
            + $"The server's first errors: {logged}",
            null, response.StatusCode);
    }

    private sealed class Recorder(ServerErrors owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && owner._errors.Count < Kept)
            {
                owner._errors.Enqueue($"{category}: {formatter(state, exception)}{Environment.NewLine}{exception}");
            }
        }
    }
}
