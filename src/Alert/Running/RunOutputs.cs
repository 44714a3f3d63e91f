using Alert.Reporting;
using Alert.Scoring;
using Alert.Storage;

namespace Alert.Running;

/// <summary>
/// The files a run directory exposes, derived from its store: <c>results.jsonl</c>, <c>scores.json</c>
/// and <c>report.md</c>. Re-derivable at any time without asking the target or judge again.
/// </summary>
public static class RunOutputs
{
    public const string ScoresFileName = "scores.json";

    public static async Task<SafetyScores> WriteAsync(RunStore store, string judge, CancellationToken cancellationToken = default)
    {
        var meta = await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        var header = new ScoresHeader(meta.GetValueOrDefault("target", "?"), judge, meta.GetValueOrDefault("benchmark", "?"));
        var items = await ResultsFile.WriteAsync(
            Path.Combine(store.Directory, ResultsFile.FileName), store.ReadResultsAsync(judge, cancellationToken), judge, cancellationToken).ConfigureAwait(false);
        var scores = SafetyScorer.Score(items);
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var r in store.ReadResultsAsync(judge, cancellationToken).ConfigureAwait(false))
            categories[r.Key] = r.Prompt.Category;
        var agreement = JudgeAgreement.Compute(await store.ReadAllVerdictsAsync(cancellationToken).ConfigureAwait(false), categories);
        await ScoresFile.WriteAsync(Path.Combine(store.Directory, ScoresFileName), header, scores, cancellationToken, agreement).ConfigureAwait(false);
        await Benchmark.AtomicJsonlWriter.WriteAllTextAsync(
            Path.Combine(store.Directory, MarkdownReport.FileName), MarkdownReport.Render(header, scores, null, agreement), cancellationToken).ConfigureAwait(false);
        await store.SetMetaAsync("judge", judge, cancellationToken: cancellationToken).ConfigureAwait(false);
        return scores;
    }
}
