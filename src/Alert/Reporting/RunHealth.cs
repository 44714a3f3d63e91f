using System.Text.Json.Nodes;

namespace Alert.Reporting;

/// <summary>A run's target health as its manifest stored it (<c>target_health</c>): what the report shows of
/// it.</summary>
public sealed record RunHealth(
    long Requests, double? P50, double? P95, double? P99, double? RequestP50, double? RequestP99,
    IReadOnlyDictionary<string, long> Retries, long Hedges, long Timeouts,
    IReadOnlyDictionary<string, IReadOnlyList<(double Seconds, int Limit)>> Limits)
{
    /// <summary>The run's health, or null when it asked no server (mock or cached runs, runs made before health was
    /// kept).</summary>
    public static RunHealth? From(RunReport run) =>
        run.Manifest.TryGetValue("target_health", out var text) && JsonNode.Parse(text) is JsonObject h ? Parse(h)
            : null;

    /// <summary>Reads <see cref="Targets.TargetHealth.ToJson"/>'s shape.</summary>
    public static RunHealth Parse(JsonObject h)
    {
        static double? D(JsonNode? n) => n is null ? null : (double)n;
        var limits = new SortedDictionary<string, IReadOnlyList<(double, int)>>(StringComparer.Ordinal);
        foreach (var (server, samples) in h["concurrency_limit"]?.AsObject() ?? [])
            limits[server] = samples!.AsArray().Select(s => ((double)s![0]!, (int)s[1]!)).ToList();
        return new RunHealth(
            (long)h["requests"]!, D(h["latency_ms"]?["p50"]), D(h["latency_ms"]?["p95"]), D(h["latency_ms"]?["p99"]),
            D(h["request_ms"]?["p50"]), D(h["request_ms"]?["p99"]),
            (h["retries"]?.AsObject() ?? []).ToDictionary(kv => kv.Key, kv => (long)kv.Value!, StringComparer.Ordinal),
            (long?)h["hedges"] ?? 0, (long?)h["timeouts"] ?? 0, limits);
    }
}
