using System.Diagnostics;

namespace Alert.Targets;

/// <summary>
/// One attempt of a request as it flows down the middleware: a concurrency limiter marks when the attempt got
/// its server slot, so hedge delays and attempt latencies count time at the server, not time queued for a slot.
/// </summary>
internal sealed class AttemptScope
{
    private static readonly AsyncLocal<AttemptScope?> CurrentScope = new();
    private readonly TaskCompletionSource _started;
    private long _startedAt;

    internal AttemptScope(TaskCompletionSource started, bool hedge)
    {
        _started = started;
        IsHedge = hedge;
    }

    /// <summary>A hedge: a limiter lets it ahead of first attempts, which already have one request at the
    /// server.</summary>
    public bool IsHedge { get; }

    /// <summary>The attempt flowing through the caller, if any.</summary>
    public static AttemptScope? Current => CurrentScope.Value;

    /// <summary>Completes when the attempt got a slot (or ended without one).</summary>
    internal Task Started => _started.Task;

    /// <summary>Time since the slot was granted (since the attempt began, if never marked).</summary>
    internal TimeSpan ServerTime(long attemptStarted) =>
        Stopwatch.GetElapsedTime(Interlocked.Read(ref _startedAt) is var at and > 0 ? at : attemptStarted);

    internal static AttemptScope Enter(TaskCompletionSource started, bool hedge)
    {
        var scope = new AttemptScope(started, hedge);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Called by a limiter once the current attempt (if any) holds its slot.</summary>
    public static void MarkStarted() => CurrentScope.Value?.MarkStartedNow();

    internal void MarkStartedNow()
    {
        Interlocked.CompareExchange(ref _startedAt, Stopwatch.GetTimestamp(), 0);
        _started.TrySetResult();
    }
}
