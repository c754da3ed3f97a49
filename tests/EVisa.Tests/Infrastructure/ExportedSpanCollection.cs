using System.Diagnostics;

namespace EVisa.Tests.Infrastructure;

/// <summary>
/// The spans the test servers export, for an in-memory exporter: it adds from whichever thread ends a span, and a
/// test reads a copy. One list for the whole run, because tracing listens process-wide: which server's tracer
/// provider records a span is not the test's to choose when several servers share the process.
/// </summary>
public sealed class ExportedSpanCollection : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    public int Count { get { lock (_spans) return _spans.Count; } }

    public bool IsReadOnly => false;

    public IReadOnlyList<Activity> Snapshot() { lock (_spans) return [.. _spans]; }

    public void Add(Activity item) { lock (_spans) _spans.Add(item); }

    public void Clear() { lock (_spans) _spans.Clear(); }

    public bool Contains(Activity item) { lock (_spans) return _spans.Contains(item); }

    public void CopyTo(Activity[] array, int arrayIndex) { lock (_spans) _spans.CopyTo(array, arrayIndex); }

    public bool Remove(Activity item) { lock (_spans) return _spans.Remove(item); }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
