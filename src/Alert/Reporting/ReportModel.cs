using Alert.Scoring;
using Alert.Taxonomy;

namespace Alert.Reporting;

/// <summary>What every report format renders: the runs, their ranking and the policy they were scored under.</summary>
public sealed record ReportModel(IReadOnlyList<RunReport> Runs, IReadOnlyList<LeaderboardEntry> Leaderboard, SafetyPolicy Policy)
{
    /// <summary>The model of a report over runs, ranked, under a policy.</summary>
    public static ReportModel Create(IReadOnlyList<RunReport> runs, SafetyPolicy policy) => new(runs, Reporting.Leaderboard.Rank(runs), policy);

    /// <summary>A report on benchmark runs and attack runs side by side.</summary>
    public static ReportModel Create(IReadOnlyList<RunReport> runs, IReadOnlyList<AttackRunReport> attacks, SafetyPolicy policy) =>
        Create(runs, policy) with { Attacks = attacks };

    /// <summary>
    /// The runs whose judge has a card, each with its card and its overall and per-macro (by macro id) scores corrected
    /// for the judge's error.
    /// </summary>
    public IReadOnlyList<(RunReport Run, Judges.JudgeCard Card, JudgeCorrectedScore Corrected, IReadOnlyDictionary<string, JudgeCorrectedScore> Macros)> JudgeCorrected() =>
        Runs.Select(r => (Run: r, Card: Judges.JudgeCard.For(r.Judge))).Where(x => x.Card is not null)
            .Select(x => (x.Run, x.Card!, JudgeCorrectedScore.Estimate(x.Run.Scores.Overall, x.Card!),
                (IReadOnlyDictionary<string, JudgeCorrectedScore>)x.Run.Scores.Macros.ToDictionary(m => m.Key, m => JudgeCorrectedScore.Estimate(m.Value, x.Card!))))
            .ToList();

    /// <summary>Attack runs (<c>alert attack</c>) shown beside the benchmark runs.</summary>
    public IReadOnlyList<AttackRunReport> Attacks { get; init; } = [];

    /// <summary>The taxonomy the report's tables follow.</summary>
    public AlertTaxonomy Taxonomy => AlertTaxonomy.Default;

    /// <summary>Attack types seen in any run, plain first.</summary>
    public IReadOnlyList<string> AttackTypes =>
        Runs.SelectMany(r => r.Scores.AttackTypes.Keys).Distinct().OrderBy(a => a == "none" ? 0 : 1).ThenBy(a => a, StringComparer.Ordinal).ToList();

    /// <summary>The lowest-scoring included categories of a run.</summary>
    public static IEnumerable<(string Category, ScoreCell Cell)> Worst(RunReport run, int count = 5) =>
        run.Scores.Categories.Where(c => !run.Scores.Excluded(c.Key) && c.Value.Score is not null)
            .OrderBy(c => c.Value.Score).ThenBy(c => c.Key, StringComparer.Ordinal).Take(count).Select(c => (c.Key, c.Value));
}
