using System.Text.Json.Nodes;

namespace Alert.Targets;

/// <summary>
/// What a target's middleware saw: request latencies, retries by cause, hedges, timeouts and each server's
/// concurrency limit over time. Also the latency history hedging and the adaptive attempt timeout read.
/// Shared by the middleware of one target (see <see cref="TargetFactory.Create"/>); thread-safe.
/// </summary>
public sealed class TargetHealth(TimeProvider? time = null)
{
    private const int RecentAttempts = 512;
    private const int MaxLimitSamples = 2000;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly DateTimeOffset _started = (time ?? TimeProvider.System).GetUtcNow();
    private readonly List<double> _requestMs = [];
    private readonly double[] _recentAttemptMs = new double[RecentAttempts];
    // The recent attempts sorted, refreshed every few attempts: quantiles are read on every request.
    private readonly double[] _sortedRecent = new double[RecentAttempts];
    private int _sortedCount;
    private long _attemptsRecorded;
    private long _sortedAt = -1;
    private readonly Dictionary<string, long> _retries = new(StringComparer.Ordinal);
    private readonly List<LimitSample> _limits = [];
    private TaskCompletionSource _attemptRecorded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _attemptAwaited;
    private readonly List<double> _attemptMs = [];
    private long _requestsStarted;
    private int _recentCount;
    private int _recentNext;
    private long _failedRequests;
    private long _hedges;
    private long _timeouts;

    /// <summary>A request finished (all its attempts and hedges): its latency as the caller saw it.</summary>
    public void RecordRequest(TimeSpan latency, bool succeeded)
    {
        lock (_lock)
        {
            if (!succeeded)
                _failedRequests++;
            _requestMs.Add(latency.TotalMilliseconds);
        }
    }

    /// <summary>A request starts (hedges are budgeted against requests started).</summary>
    public void RecordRequestStarted() => Interlocked.Increment(ref _requestsStarted);

    /// <summary>An attempt succeeded after <paramref name="latency"/> at the server: the history hedge delays and
    /// attempt timeouts come from.</summary>
    public void RecordAttempt(TimeSpan latency)
    {
        TaskCompletionSource recorded;
        lock (_lock)
        {
            _recentAttemptMs[_recentNext] = latency.TotalMilliseconds;
            _recentNext = (_recentNext + 1) % RecentAttempts;
            _recentCount = Math.Min(RecentAttempts, _recentCount + 1);
            _attemptMs.Add(latency.TotalMilliseconds);
            _attemptsRecorded++;
            if (!_attemptAwaited)
                return;
            recorded = _attemptRecorded;
            _attemptRecorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _attemptAwaited = false;
        }
        recorded.TrySetResult();
    }

    /// <summary>Completes when the next successful attempt is recorded.</summary>
    public Task AttemptRecorded()
    {
        lock (_lock)
        {
            _attemptAwaited = true;
            return _attemptRecorded.Task;
        }
    }

    /// <summary>Counts a retry by its cause.</summary>
    public void RecordRetry(string cause)
    {
        lock (_lock)
            _retries[cause] = _retries.GetValueOrDefault(cause) + 1;
    }

    /// <summary>Counts an attempt that timed out.</summary>
    public void RecordTimeout() => Interlocked.Increment(ref _timeouts);

    /// <summary>Takes a hedge if that keeps hedges within <paramref name="maxRate"/> of the requests started (a run's
    /// first few excepted).</summary>
    public bool TryTakeHedge(double maxRate)
    {
        lock (_lock)
        {
            if (maxRate <= 0 || _hedges + 1 > Math.Max(3, maxRate * Interlocked.Read(ref _requestsStarted)))
                return false;
            _hedges++;
            return true;
        }
    }

    /// <summary>Records a server's concurrency limit now (for the chart over time).</summary>
    public void RecordLimit(string server, int limit)
    {
        lock (_lock)
        {
            if (_limits.Count < MaxLimitSamples)
                _limits.Add(new LimitSample(server, (_time.GetUtcNow() - _started).TotalSeconds, limit));
        }
    }

    /// <summary>The <paramref name="quantile"/> of recent successful attempts' latency; null until <paramref
    /// name="minimum"/> were seen.</summary>
    public TimeSpan? RecentAttemptQuantile(double quantile, int minimum)
    {
        lock (_lock)
        {
            if (_recentCount < minimum)
                return null;
            // Sorted again after every 16 new attempts (every one while the history is short).
            if (_sortedAt < 0 || _attemptsRecorded - _sortedAt >= (_recentCount < RecentAttempts ? 1 : 16))
            {
                Array.Copy(_recentAttemptMs, _sortedRecent, _recentCount);
                Array.Sort(_sortedRecent, 0, _recentCount);
                _sortedCount = _recentCount;
                _sortedAt = _attemptsRecorded;
            }
            return TimeSpan.FromMilliseconds(Quantile(_sortedRecent.AsSpan(0, _sortedCount), quantile));
        }
    }

    /// <summary>Hedged requests sent.</summary>
    public long Hedges => Interlocked.Read(ref _hedges);

    /// <summary>Attempts that timed out.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>A snapshot: <c>requests</c>, <c>failed</c>, <c>latency_ms</c> and <c>request_ms</c> (p50, p95, p99,
    /// max), <c>retries</c> by cause, <c>hedges</c>, <c>timeouts</c>, <c>concurrency_limit</c> samples.</summary>
    public JsonObject ToJson()
    {
        lock (_lock)
        {
            var sorted = _attemptMs.ToArray();
            Array.Sort(sorted);
            var requests = _requestMs.ToArray();
            Array.Sort(requests);
            static JsonObject Quantiles(double[] values) => new()
            {
                ["p50"] = values.Length == 0 ? null : Math.Round(Quantile(values, 0.5), 1),
                ["p95"] = values.Length == 0 ? null : Math.Round(Quantile(values, 0.95), 1),
                ["p99"] = values.Length == 0 ? null : Math.Round(Quantile(values, 0.99), 1),
                ["max"] = values.Length == 0 ? null : Math.Round(values[^1], 1),
            };
            var limits = new JsonObject();
            var now = (_time.GetUtcNow() - _started).TotalSeconds;
            foreach (var group in _limits.GroupBy(l => l.Server, StringComparer.Ordinal))
            {
                // Each server's limit as it stands now closes its series, so a limit that never moved still draws a
                // line.
                var samples = group.Append(group.Last() with { Seconds = Math.Max(now, group.Last().Seconds) });
                limits[group.Key] = new JsonArray(
                    samples.Select(l => (JsonNode)new JsonArray(Math.Round(l.Seconds, 2), l.Limit)).ToArray());
            }
            return new JsonObject
            {
                ["requests"] = (long)_requestMs.Count,
                ["failed"] = _failedRequests,
                // At the server: successful attempts from the moment they had a slot.
                ["latency_ms"] = Quantiles(sorted),
                // As the run saw them: whole requests, queueing for a slot, retries and backoff included.
                ["request_ms"] = Quantiles(requests),
                ["retries"] = new JsonObject(_retries.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                ["hedges"] = _hedges,
                ["timeouts"] = Timeouts,
                ["concurrency_limit"] = limits,
            };
        }
    }

    private static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    private sealed record LimitSample(string Server, double Seconds, int Limit);
}
