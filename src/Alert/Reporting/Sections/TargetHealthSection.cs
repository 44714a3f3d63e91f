using System.Globalization;
using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>Latency, retries, hedges, timeouts and concurrency limits (runs that recorded them).</summary>
public sealed class TargetHealthSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 100)]
    public static IReportSectionBuilder Builder { get; } = new TargetHealthSection();

    /// <inheritdoc />
    public string Id => "target-health";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var health = model.Runs.Select(r => (Run: r, Health: RunHealth.From(r))).Where(x => x.Health is not null)
            .ToList();
        if (health.Count == 0)
            return null;
        static ReportCell Ms(double? ms) => new(ms is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "n/a");
        var rows = health.Select(x =>
        {
            var h = x.Health!;
            var limits = h.Limits.Values.SelectMany(l => l).Select(l => l.Limit).ToList();
            var retries = h.Retries.Count == 0 ? "none"
                : string.Join(", ", h.Retries.Select(kv =>
                    string.Create(CultureInfo.InvariantCulture, $"{kv.Key} x{kv.Value}")));
            return new ReportRow(
            [
                ReportCell.Name(x.Run.Name), ReportCell.Number(h.Requests), Ms(h.P50), Ms(h.P95), Ms(h.P99),
                Ms(h.RequestP50), Ms(h.RequestP99), new(retries), ReportCell.Number(h.Hedges),
                ReportCell.Number(h.Timeouts),
                new(limits.Count == 0
                    ? ""
                    : string.Create(CultureInfo.InvariantCulture, $"{limits.Min()}-{limits.Max()}")),
            ]);
        }).ToList();
        return new ReportSection(Id, "Target health",
        [
            new ReportParagraph("Latency at the server (successful attempts, from the moment they had a slot) and " +
                "per request as the run saw it (queueing, retries and backoff included); retries by cause; hedges " +
                "(second attempts for stragglers); attempt timeouts. The concurrency chart shows each server's " +
                "limit over the run."),
            new ReportTable(
            [
                new("Run", false), new("Requests"), new("p50 ms"), new("p95 ms"), new("p99 ms"), new("Request p50 ms"),
                new("Request p99 ms"), new("Retries", false), new("Hedges"), new("Timeouts"), new("Limit"),
            ], rows),
        ]);
    }
}
