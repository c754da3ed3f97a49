using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Telemetry;

/// <summary>
/// The application id as the correlation of one application's telemetry: a log scope named
/// <see cref="ScopeKey"/> (the same name the log messages use, so one query finds both) and the span tag
/// <see cref="SpanTag"/>. The id stands for the person: nothing personal goes with it.
/// </summary>
public static class ApplicationCorrelation
{
    public const string ScopeKey = "ApplicationId";

    public const string SpanTag = "evisa.application_id";

    /// <summary>Tags the current span (a request, a function invocation) with the application id.</summary>
    public static void TagCurrentSpan(string applicationId) => Activity.Current?.SetTag(SpanTag, applicationId);

    /// <summary>
    /// Tags the current span and opens a log scope: every log written until it is disposed, by any logger of the
    /// same factory, carries the application id.
    /// </summary>
    public static IDisposable? Begin(ILogger logger, string applicationId)
    {
        TagCurrentSpan(applicationId);
        return logger.BeginScope(new Scope(applicationId));
    }

    /// <summary>One key-value pair: structured for OpenTelemetry and Application Insights, readable on a console.</summary>
    private sealed class Scope(string applicationId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?> _value = new(ScopeKey, applicationId);

        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? _value : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return _value;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{ScopeKey}:{_value.Value}";
    }
}
