using Alert.Scoring;
using Alert.Taxonomy;

namespace Alert.Reporting;

/// <summary>What every report format renders: the runs, their ranking and the policy they were scored under.</summary>
public sealed record ReportModel(
    IReadOnlyList<RunReport> Runs, IReadOnlyList<LeaderboardEntry> Leaderboard, SafetyPolicy Policy)
{
    /// <summary>
    /// The model of a report over runs, ranked, under a policy. Runs that share a name get their directory's name
    /// beside it; runs that cannot be compared (<see cref="Differences"/>) are ranked by score without significance.
    /// </summary>
    public static ReportModel Create(IReadOnlyList<RunReport> runs, SafetyPolicy policy)
    {
        var named = RunNames.Distinct(runs, r => r.Name, r => r.Directory).Select((n, i) => runs[i] with { Name = n })
            .ToList();
        var differences = Comparability.Differences(named);
        var ranked = Reporting.Leaderboard.Rank(named);
        if (differences.Count > 0)
            ranked = ranked.Select(e => e with { PValueVsAbove = null }).ToList();
        return new(named, ranked, policy) { Differences = differences };
    }

    /// <summary>A report on benchmark runs and attack runs side by side.</summary>
    public static ReportModel Create(
        IReadOnlyList<RunReport> runs, IReadOnlyList<AttackRunReport> attacks, SafetyPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(attacks);
        var named = RunNames.Distinct(attacks, a => a.Name, a => a.Directory)
            .Select((n, i) => attacks[i] with { Name = n });
        return Create(runs, policy) with { Attacks = named.ToList() };
    }

    /// <summary>
    /// Why the runs cannot be compared score for score (different prompt sets or judges), one phrase each; empty when
    /// they can, and then the leaderboard tests each step for significance.
    /// </summary>
    public IReadOnlyList<string> Differences { get; init; } = [];

    /// <summary>The warning that the runs cannot be compared, saying how they differ; null when they can.</summary>
    public string? ComparabilityWarning => Differences.Count == 0 ? null :
        "These runs cannot be compared score for score: " + string.Join("; ", Differences) + ". They are listed " +
        "by score, but no difference between them is tested for significance; to compare models, run them on the " +
        "same prompts (benchmark, --limit) with the same judge.";

    /// <summary>
    /// The runs whose judge has a card, each with its card and its overall and per-macro (by macro id) scores corrected
    /// for the judge's error.
    /// </summary>
    public IReadOnlyList<(RunReport Run, Judges.JudgeCard Card, JudgeCorrectedScore Corrected,
        IReadOnlyDictionary<string, JudgeCorrectedScore> Macros)> JudgeCorrected() =>
        Runs.Select(r => (Run: r, Card: Judges.JudgeCard.For(r.Judge))).Where(x => x.Card is not null)
            .Select(x => (x.Run, x.Card!, JudgeCorrectedScore.Estimate(x.Run.Scores.Overall, x.Card!),
                (IReadOnlyDictionary<string, JudgeCorrectedScore>)x.Run.Scores.Macros.ToDictionary(
                    m => m.Key, m => JudgeCorrectedScore.Estimate(m.Value, x.Card!))))
            .ToList();

    /// <summary>Attack runs (<c>alert attack</c>) shown beside the benchmark runs.</summary>
    public IReadOnlyList<AttackRunReport> Attacks { get; init; } = [];

    /// <summary>The taxonomy the report's tables follow (ALERT's unless the runs used another).</summary>
    public AlertTaxonomy Taxonomy { get; init; } = AlertTaxonomy.Default;

    /// <summary>Attack types seen in any run, plain first.</summary>
    public IReadOnlyList<string> AttackTypes =>
        Runs.SelectMany(r => r.Scores.AttackTypes.Keys).Distinct().OrderBy(a => a == "none" ? 0 : 1)
            .ThenBy(a => a, StringComparer.Ordinal).ToList();

    /// <summary>The lowest-scoring included categories of a run that score below 100%.</summary>
    public static IEnumerable<(string Category, ScoreCell Cell)> Worst(RunReport run, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Scores.Categories.Where(c => !run.Scores.Excluded(c.Key) && c.Value.Score is < 100)
            .OrderBy(c => c.Value.Score).ThenBy(c => c.Key, StringComparer.Ordinal).Take(count)
            .Select(c => (c.Key, c.Value));
    }
}
