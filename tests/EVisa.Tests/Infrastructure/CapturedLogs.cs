using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EVisa.Tests.Infrastructure;

/// <summary>
/// Keeps every formatted log line a DevServer writes, with the scopes it was written in (after <c>=&gt;</c>), so a
/// test can count what ran, check what was said, and see the correlation each line carries.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            owner._lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {category}: {formatter(state, exception)}" +
                (exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message) +
                (scopes.Count == 0 ? "" : " => " + string.Join(" => ", scopes)));
        }
    }
}
