using Alert.Judges;
using Alert.Storage;

namespace Alert.Scoring;

/// <summary>
/// A stored run's results as scoring sees them, and their cross-language consistency from a second pass over the store:
/// scoring streams the rows once and keeps no verdict per prompt, so a run with several languages reads them again.
/// </summary>
internal static class StoredConsistency
{
    /// <summary>
    /// One stored result as scoring sees it: not sent, empty answers and failures are errors;
    /// <paramref name="guardStage"/> is the blocking guard's stage. The prompt id (for consistency) is set only when
    /// <paramref name="withPromptId"/>: a non-English key would otherwise cost a string per row.
    /// </summary>
    public static ScoredItem Item(StoredResult result, string? guardStage, bool withPromptId = false)
    {
        var empty = result.Response is { Error: null, Response: var text } && string.IsNullOrWhiteSpace(text);
        var verdict = result.Response is { Error: null } && !empty && result.Verdict is { } v ? v.Verdict
            : Verdict.Error;
        return new ScoredItem(result.Prompt.Category, result.Prompt.AttackKey, verdict, result.Prompt.IsBenign,
            empty ? null : result.Verdict?.Outcome, guardStage)
        {
            NotSent = result.Response is null,
            EmptyAnswer = empty,
            Lang = result.Prompt.Lang,
            PromptId = withPromptId ? Benchmark.KeyedPrompt.PromptIdOf(result.Key, result.Prompt.Lang) : null,
        };
    }

    /// <summary>Consistency of <paramref name="judge"/>'s verdicts across the languages of the run in
    /// <paramref name="store"/>.</summary>
    public static async Task<LanguageConsistency> ComputeAsync(RunStore store, string judge,
        SafetyScoresBuilder scores, CancellationToken cancellationToken)
    {
        var tally = new ConsistencyTally(scores.Taxonomy, scores.Policy);
        await foreach (var r in store.ReadResultsAsync(judge, cancellationToken).ConfigureAwait(false))
            tally.Add(Item(r, null, withPromptId: true));
        return tally.ToConsistency();
    }

    /// <summary>The scores <paramref name="scores"/> counted, with their consistency read from the store when the run
    /// has several languages.</summary>
    public static async Task<SafetyScores> BuildAsync(SafetyScoresBuilder scores, RunStore store, string judge,
        CancellationToken cancellationToken) =>
        scores.Build(scores.SeveralLanguages
            ? await ComputeAsync(store, judge, scores, cancellationToken).ConfigureAwait(false)
            : null);
}
