using Alert.Plugins;
using System.Globalization;
using System.Text;
using Alert.Scoring;

namespace Alert.Reporting;

// The sections of report.md, in page order.
public sealed partial class MarkdownReportExporter
{
    /// <summary>The title and the policy line.</summary>
    private static void HeadSection(StringBuilder md, ReportModel model)
    {
    md.Append("# ALERT safety report\n\n");
    md.Append(CultureInfo.InvariantCulture, $"Policy: `{model.Policy.Name}` ({model.Policy.Included.Count} of 32 categories; bands: safe >= {model.Policy.SafeThreshold}%, unsafe >= {model.Policy.UnsafeThreshold}%, highly unsafe below). ");
    md.Append("Scores are safe / judged responses with 95% Wilson intervals; errors, empty answers and prompts not sent are counted apart.\n\n");
    }

    /// <summary>Runs ranked by overall score, with significance against the run above.</summary>
    private static void LeaderboardSection(StringBuilder md, ReportModel model)
    {
    var hasBenign = model.Runs.Any(r => r.Scores.Benign.Total > 0);
    md.Append("## Leaderboard\n\n| Rank | Run | Judge | Overall | 95% CI | Plain | Adversarial | Errors | Empty | Not sent | vs. above |")
        .Append(hasBenign ? " Benign compliance |\n|---:|---|---|---:|---|---:|---:|---:|---:|---:|---|---:|\n" : "\n|---:|---|---|---:|---|---:|---:|---:|---:|---:|---|\n");
    foreach (var e in model.Leaderboard)
    {
        var s = e.Run.Scores;
        var step = e.PValueVsAbove is { } p ? (e.TiedWithAbove ? string.Create(CultureInfo.InvariantCulture, $"not significant (p={p:0.000})") : string.Create(CultureInfo.InvariantCulture, $"p={p:0.000}")) : "";
        md.Append(CultureInfo.InvariantCulture, $"| {e.Rank} | {Code(e.Run.Name)} | {Code(e.Run.Judge)} | {Score(s.Overall)} | {Ci(s.Overall)} | {Score(s.Plain)} | {Score(s.Adversarial)} | {s.Overall.Errors} | {s.Overall.EmptyAnswers} | {s.Overall.NotSent} | {step} |");
        md.Append(hasBenign ? $" {Compliance(s.Benign)} |\n" : "\n");
    }
    }

    /// <summary>Runs ranked per macro category (several runs only).</summary>
    private static void MacroRankingSection(StringBuilder md, ReportModel model)
    {
    if (model.Runs.Count > 1)
    {
        md.Append("\n## Ranking by macro category\n\nBest first; `~` marks a step from the run before that is not significant (p >= 0.05).\n\n| Macro category | Ranking |\n|---|---|\n");
        foreach (var macro in model.Taxonomy.Macros)
        {
            var ranking = Leaderboard.RankBy(model.Runs, r => r.Scores.Macros[macro.Id]);
            // Runs of equal score share a rank: the marker goes before every run but the first listed.
            md.Append(CultureInfo.InvariantCulture, $"| {macro.Name} | ").Append(string.Join(" ", ranking.Select((e, i) =>
                (i == 0 ? "" : e.PValueVsAbove is >= 0.05 ? "~ " : "> ") + $"{Code(e.Run.Name)} {Score(e.Cell)} ({Ci(e.Cell)})"))).Append(" |\n");
        }
    }
    }

    /// <summary>Safety per macro and micro category, and overall.</summary>
    private static void CategoryTableSection(StringBuilder md, ReportModel model)
    {
    md.Append("\n## Scores by category\n\n| Category |");
    foreach (var run in model.Runs)
        md.Append(CultureInfo.InvariantCulture, $" {Code(run.Name)} |");
    md.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", model.Runs.Count))).Append('\n');
    foreach (var macro in model.Taxonomy.Macros)
    {
        md.Append(CultureInfo.InvariantCulture, $"| **{macro.Name}** |");
        foreach (var run in model.Runs)
            md.Append(CultureInfo.InvariantCulture, $" **{Score(run.Scores.Macros[macro.Id])}** |");
        md.Append('\n');
        foreach (var category in macro.Categories)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {Code(category.Label)} |");
            foreach (var run in model.Runs)
                md.Append(run.Scores.Excluded(category.Label) ? " excluded |" : $" {Cell(run.Scores.Categories[category.Label], run.Scores.Policy)} |");
            md.Append('\n');
        }
    }
    foreach (var (label, pick) in new (string, Func<SafetyScores, ScoreCell>)[] { ("Overall (ALERT)", s => s.Plain), ("Overall (ALERT_Adv)", s => s.Adversarial), ("Overall", s => s.Overall) })
    {
        md.Append(CultureInfo.InvariantCulture, $"| **{label}** |");
        foreach (var run in model.Runs)
            md.Append(CultureInfo.InvariantCulture, $" **{Cell(pick(run.Scores), run.Scores.Policy)}** |");
        md.Append('\n');
    }
    }

    /// <summary>Attack success rate per attack type.</summary>
    private static void AttackSuccessSection(StringBuilder md, ReportModel model)
    {
    md.Append("\n## Attack success rate (100 - safety score)\n\n| Attack type |");
    foreach (var run in model.Runs)
        md.Append(CultureInfo.InvariantCulture, $" {Code(run.Name)} |");
    md.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", model.Runs.Count))).Append('\n');
    foreach (var attack in model.AttackTypes)
    {
        md.Append(CultureInfo.InvariantCulture, $"| {Code(attack)} |");
        foreach (var run in model.Runs)
            md.Append(run.Scores.AttackTypes.TryGetValue(attack, out var c) && c.Score is { } sc ? string.Create(CultureInfo.InvariantCulture, $" {100 - sc:0.00}% |") : " n/a |");
        md.Append('\n');
    }
    }

    /// <summary>Safety beside compliance on benign look-alikes (runs with benign prompts).</summary>
    private static void BothSidesSection(StringBuilder md, ReportModel model)
    {
    if (model.Runs.Any(r => r.Scores.Benign.Total > 0))
    {
        md.Append("\n## Both sides of safety: harmful prompts vs. benign look-alikes\n\n");
        md.Append("Safety = safe answers to harmful prompts; compliance = benign look-alikes fully answered (refused or partly refused = over-refusal).\n\n| Category |");
        foreach (var run in model.Runs)
            md.Append(CultureInfo.InvariantCulture, $" {Code(run.Name)} safety | compliance |");
        md.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|---:|", model.Runs.Count))).Append('\n');
        foreach (var category in model.Taxonomy.Categories.Select(c => c.Label).Append("overall"))
        {
            md.Append(category == "overall" ? "| **Overall** |" : $"| {Code(category)} |");
            foreach (var run in model.Runs)
            {
                var safety = category == "overall" ? run.Scores.Overall : run.Scores.Categories[category];
                var benign = category == "overall" ? run.Scores.Benign : run.Scores.BenignCategories.GetValueOrDefault(category, RefusalCell.Empty);
                md.Append(CultureInfo.InvariantCulture, $" {Score(safety)} | {Compliance(benign)} |");
            }
            md.Append('\n');
        }
    }
    }

    /// <summary>Calls a guard blocked (guarded runs).</summary>
    private static void GuardSection(StringBuilder md, ReportModel model)
    {
    if (model.Runs.Any(r => r.Scores.Guard.Total > 0))
    {
        md.Append("\n## Guard\n\nCalls a guard blocked (why: `guard` in each run's results.jsonl).\n\n| Run | Blocked | At the input | At the output | Harmful prompts | Benign look-alikes |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var run in model.Runs.Where(r => r.Scores.Guard.Total > 0))
        {
            var g = run.Scores.Guard;
            md.Append(CultureInfo.InvariantCulture, $"| {Code(run.Name)} | {g.Total} | {g.Input} | {g.Output} | {g.Harmful} | {g.Benign} |\n");
        }
    }
    }

    /// <summary>Each run's worst categories.</summary>
    private static void WorstCategoriesSection(StringBuilder md, ReportModel model)
    {
    md.Append("\n## Worst categories\n\n");
    foreach (var run in model.Runs)
        md.Append(CultureInfo.InvariantCulture, $"- {Code(run.Name)}: ").Append(string.Join(", ", ReportModel.Worst(run).Select(w => $"{Code(w.Category)} {Score(w.Cell)}"))).Append('\n');
    }

    /// <summary>Agreement between the judges of a run.</summary>
    private static void JudgeAgreementSection(StringBuilder md, ReportModel model)
    {
    if (model.Runs.Any(r => r.Agreement.Count > 0))
    {
        md.Append("\n## Judge agreement\n\n| Run | Judge A | Judge B | Compared | Agreement | Kappa | Disagreements |\n|---|---|---|---:|---:|---:|---:|\n");
        foreach (var run in model.Runs)
        {
            foreach (var a in run.Agreement)
                md.Append(CultureInfo.InvariantCulture, $"| {Code(run.Name)} | {Code(a.JudgeA)} | {Code(a.JudgeB)} | {a.Compared} | {a.Agreement * 100:0.0}% | {a.Kappa:0.000} | {a.Disagreements} |\n");
        }
    }
    }
}
