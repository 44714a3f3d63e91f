using Alert.Reporting;
using Alert.Scoring;
using Alert.Storage;

namespace Alert.Running;

/// <summary>
/// The files a run directory exposes, derived from its store: <c>results.jsonl</c>, <c>scores.json</c>
/// and <c>report/report.md</c>. Re-derivable at any time without asking the target or judge again.
/// </summary>
public static class RunOutputs
{
    /// <summary>The scores file of a run directory.</summary>
    public const string ScoresFileName = "scores.json";
    /// <summary>The manifest file of a run directory.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>
    /// The folder of a run directory that holds its report, the one place a run's report is: the run writes its
    /// <c>report.md</c> there, and <c>alert report RUNDIR</c> writes the whole report (HTML, CSV, charts) there too.
    /// </summary>
    public const string ReportDirectoryName = "report";

    /// <summary>The library's version, recorded in every run.</summary>
    public static string ToolVersion => typeof(RunOutputs).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Writes the run's <c>results.jsonl</c>, <c>scores.json</c>, <c>report/report.md</c> and
    /// <c>manifest.json</c> from its store, for <paramref name="judge"/>.</summary>
    public static async Task<SafetyScores> WriteAsync(
        RunStore store, string judge, CancellationToken cancellationToken = default)
    {
        var meta = await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        var header = new ScoresHeader(meta.GetValueOrDefault("target", "?"), judge,
            meta.GetValueOrDefault("benchmark", "?"));
        // Rows are counted as they are written, never held; the report below reads the store again.
        var builder = new SafetyScoresBuilder();
        await ResultsFile.WriteAsync(Path.Combine(store.Directory, ResultsFile.FileName),
            store.ReadResultsAsync(judge, cancellationToken), judge, builder, cancellationToken).ConfigureAwait(false);
        var scores = await StoredConsistency.BuildAsync(builder, store, judge, cancellationToken).ConfigureAwait(false);
        var agreement = await JudgeAgreement.ComputeAsync(store, judge, cancellationToken).ConfigureAwait(false);
        var audited = await HumanAudit.LoadAsync(store, judge, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await ScoresFile.WriteAsync(Path.Combine(store.Directory, ScoresFileName), header, scores, agreement, audited,
            cancellationToken).ConfigureAwait(false);
        await store.SetMetaAsync("judge", judge, cancellationToken: cancellationToken).ConfigureAwait(false);
        await WriteManifestAsync(store, cancellationToken).ConfigureAwait(false);
        // The run's report.md is the report 'alert report' writes, over this one run (judged by the judge just set).
        var run = await RunReport.FromStoreAsync(store, null, null, 3, cancellationToken).ConfigureAwait(false);
        var report = MarkdownReportExporter.Render(ReportModel.Create([run], SafetyPolicy.Full));
        var reportDirectory = Path.Combine(store.Directory, ReportDirectoryName);
        Directory.CreateDirectory(reportDirectory);
        await Alert.Common.AtomicJsonlWriter.WriteAllTextAsync(
            Path.Combine(reportDirectory, MarkdownReportExporter.FileName), report, cancellationToken)
            .ConfigureAwait(false);
        RemoveEarlierReport(store.Directory);
        foreach (var stale in ReportFilesLeftStale(store.Directory))
            File.Delete(stale);
        return scores;
    }

    /// <summary>
    /// The files of the run's report folder that <c>alert report RUNDIR</c> wrote and a run does not rewrite
    /// (<c>report.html</c>, <c>scores.csv</c>, the charts): written again, the run removes them so that no file
    /// beside its new <c>report.md</c> counts an older run; <c>alert report RUNDIR</c> draws them again.
    /// </summary>
    public static IReadOnlyList<string> ReportFilesLeftStale(string runDirectory)
    {
        var folder = Path.Combine(runDirectory, ReportDirectoryName);
        string[] names = [HtmlReportExporter.FileName, CsvScoresExporter.FileName,
            .. ReportCharts.Names.SelectMany(n => new[] { n + ".png", n + ".svg" })];
        return names.Select(n => Path.Combine(folder, n)).Where(File.Exists).ToList();
    }

    /// <summary>
    /// Earlier versions wrote the run's report as <c>RUNDIR/report.md</c>, beside the report folder: a run written
    /// again (resumed, re-judged) keeps one report, so that file goes when it is such a report (its first line is the
    /// report's title); any other file of that name is the user's and stays.
    /// </summary>
    private static void RemoveEarlierReport(string runDirectory)
    {
        var earlier = Path.Combine(runDirectory, MarkdownReportExporter.FileName);
        if (!File.Exists(earlier))
            return;
        using (var reader = new StreamReader(earlier))
        {
            if (reader.ReadLine() != MarkdownReportWriter.Title)
                return;
        }
        File.Delete(earlier);
    }

    /// <summary>The meta key of an attack run's usage by role, written as the manifest's <c>usage</c>.</summary>
    public const string AttackUsageKey = "attack_usage";

    /// <summary>
    /// <c>manifest.json</c>: what the run is (benchmark and its hash, target spec and options, judge with its
    /// prompt hash, tool version, times, shard) and its token usage. Secrets never reach the store, so never here.
    /// </summary>
    public static async Task WriteManifestAsync(RunStore store, CancellationToken cancellationToken = default)
    {
        var meta = await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        var (requests, input, output) = await store.ReadUsageAsync(cancellationToken).ConfigureAwait(false);
        var manifest = new System.Text.Json.Nodes.JsonObject { ["format_version"] = 1 };
        foreach (var (k, v) in meta.Where(kv => kv.Key != AttackUsageKey).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            manifest[k] = k is "benchmark_provenance" or "target_health" or "attack_calls" or "attack"
                ? System.Text.Json.Nodes.JsonNode.Parse(v) : v;
        }
        // An attack run's usage is by role (target, attacker, scorer, judge), from its calls.
        manifest["usage"] = meta.TryGetValue(AttackUsageKey, out var attackUsage)
            ? System.Text.Json.Nodes.JsonNode.Parse(attackUsage)
            : new System.Text.Json.Nodes.JsonObject
            {
                ["requests"] = requests,
                ["input_tokens"] = input,
                ["output_tokens"] = output,
            };
        await Alert.Common.AtomicJsonlWriter.WriteAllTextAsync(Path.Combine(store.Directory, ManifestFileName),
            manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions(
                Alert.Common.JsonlFile.WriteOptions)
            { WriteIndented = true }) + "\n", cancellationToken)
                .ConfigureAwait(false);
    }
}
