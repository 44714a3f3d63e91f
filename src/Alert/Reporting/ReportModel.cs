using Alert.Scoring;
using Alert.Taxonomy;

namespace Alert.Reporting;

/// <summary>What every report format renders: the runs, their ranking and the policy they were scored under.</summary>
public sealed record ReportModel(IReadOnlyList<RunReport> Runs, IReadOnlyList<LeaderboardEntry> Leaderboard, SafetyPolicy Policy)
{
    public static ReportModel Create(IReadOnlyList<RunReport> runs, SafetyPolicy policy) => new(runs, Reporting.Leaderboard.Rank(runs), policy);

    public AlertTaxonomy Taxonomy => AlertTaxonomy.Default;

    /// <summary>Attack types seen in any run, plain first.</summary>
    public IReadOnlyList<string> AttackTypes =>
        Runs.SelectMany(r => r.Scores.AttackTypes.Keys).Distinct().OrderBy(a => a == "none" ? 0 : 1).ThenBy(a => a, StringComparer.Ordinal).ToList();

    /// <summary>The lowest-scoring included categories of a run.</summary>
    public static IEnumerable<(string Category, ScoreCell Cell)> Worst(RunReport run, int count = 5) =>
        run.Scores.Categories.Where(c => !run.Scores.Excluded(c.Key) && c.Value.Score is not null)
            .OrderBy(c => c.Value.Score).ThenBy(c => c.Key, StringComparer.Ordinal).Take(count).Select(c => (c.Key, c.Value));
}

/// <summary>
/// Writes one report format into a directory (BenchmarkDotNet-style exporter). Registered with
/// <see cref="Plugins.AlertPluginAttribute"/> in its own file; <c>Name</c> and <c>Description</c> are for listings.
/// </summary>
public interface IReportExporter : Plugins.IPluginDescriptor
{
    /// <summary>Writes its files and returns their paths.</summary>
    Task<IReadOnlyList<string>> ExportAsync(ReportModel model, string directory, CancellationToken cancellationToken = default);

    string Plugins.IPluginDescriptor.Usage => Name;
}

/// <summary>The exporters <c>alert report</c> runs: every registered one, charts first (the page inlines them).</summary>
public static class ReportExporters
{
    public static IReadOnlyList<IReportExporter> Default => Plugins.PluginDiscovery.Find<IReportExporter>();
}
