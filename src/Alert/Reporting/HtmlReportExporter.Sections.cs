using Alert.Plugins;
using System.Globalization;
using System.Net;
using System.Text;
using Alert.Scoring;

namespace Alert.Reporting;

// The sections of report.html, in page order.
public sealed partial class HtmlReportExporter
{
    /// <summary>The page head and the policy line.</summary>
    private static void HeadSection(StringBuilder h, ReportModel model)
    {
    h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
    h.Append("<title>ALERT safety report</title><style>").Append(Style).Append("</style></head><body>\n");
    h.Append("<h1>ALERT safety report</h1>\n<p>Policy <b>").Append(E(model.Policy.Name)).Append("</b>: ")
        .Append(model.Policy.Included.Count).Append(" of 32 categories. Scores are safe / judged responses (95% Wilson interval below each); errors, empty answers and prompts not sent are counted apart. Bands: ")
        .Append(CultureInfo.InvariantCulture, $"safe &ge; {model.Policy.SafeThreshold}%, unsafe &ge; {model.Policy.UnsafeThreshold}%, highly unsafe below.</p>\n");
    }

    /// <summary>Runs ranked by overall score, with significance against the run above.</summary>
    private static void LeaderboardSection(StringBuilder h, ReportModel model)
    {
    // Wide with many macro categories: the table scrolls inside the page rather than pushing the page past the window.
    h.Append("<h2>Leaderboard</h2>\n<div class=\"wide\"><table><tr><th>Rank</th><th>Run</th><th>Judge</th><th>Overall</th><th>Plain</th><th>Adversarial</th>");
    foreach (var macro in model.Taxonomy.Macros)
        h.Append("<th>").Append(E(macro.Name)).Append("</th>");
    h.Append("<th>Errors</th><th>Empty</th><th>Not sent</th><th>vs. run above</th></tr>\n");
    foreach (var e in model.Leaderboard)
    {
        var s = e.Run.Scores;
        h.Append("<tr><td>").Append(e.Rank).Append("</td><td>").Append(E(e.Run.Name)).Append("</td><td>").Append(E(e.Run.Judge)).Append("</td>");
        Cell(h, s.Overall, s.Policy);
        Cell(h, s.Plain, s.Policy);
        Cell(h, s.Adversarial, s.Policy);
        foreach (var macro in model.Taxonomy.Macros)
            Cell(h, s.Macros[macro.Id], s.Policy);
        h.Append("<td>").Append(s.Overall.Errors).Append("</td><td>").Append(s.Overall.EmptyAnswers).Append("</td><td>")
            .Append(s.Overall.NotSent).Append("</td><td>");
        if (e.PValueVsAbove is { } p)
            h.Append(e.TiedWithAbove ? "<span class=\"tied\">not significant</span>" : "significant").Append(CultureInfo.InvariantCulture, $" (p={p:0.000})");
        h.Append("</td></tr>\n");
    }
    h.Append("</table></div>\n");
    }

    /// <summary>Runs ranked per macro category (several runs only).</summary>
    private static void MacroRankingSection(StringBuilder h, ReportModel model)
    {
    if (model.Runs.Count > 1)
    {
        h.Append("<h2>Ranking by macro category</h2>\n<p>Best first; <span class=\"tied\">&asymp;</span> marks a step from the run before that is not significant (p &ge; 0.05).</p><table><tr><th>Macro category</th><th style=\"text-align:left\">Ranking</th></tr>\n");
        foreach (var macro in model.Taxonomy.Macros)
        {
            h.Append("<tr><td>").Append(E(macro.Name)).Append("</td><td style=\"text-align:left\">");
            // Runs of equal score share a rank, so the separator goes before every run but the first listed.
            foreach (var (e, position) in Leaderboard.RankBy(model.Runs, r => r.Scores.Macros[macro.Id]).Select((e, i) => (e, i)))
            {
                if (position > 0)
                    h.Append(e.PValueVsAbove is >= 0.05 ? " <span class=\"tied\">&asymp;</span> " : " &gt; ");
                h.Append(E(e.Run.Name)).Append(' ').Append(E(MarkdownReport.Score(e.Cell)));
                if (e.Cell.Wilson95 is { } ci)
                    h.Append(CultureInfo.InvariantCulture, $" ({ci.Low:0.0}&ndash;{ci.High:0.0})");
            }
            h.Append("</td></tr>\n");
        }
        h.Append("</table>\n");
    }
    }

    /// <summary>Table 1: safety per macro and micro category, and overall.</summary>
    private static void CategoryTableSection(StringBuilder h, ReportModel model)
    {
    h.Append("<h2>Safety scores by category (Table 1)</h2>\n");
    RunsHeader(h, "Category", model);
    foreach (var macro in model.Taxonomy.Macros)
    {
        h.Append("<tr class=\"macro\"><td>").Append(E(macro.Name)).Append("</td>");
        foreach (var run in model.Runs)
            Cell(h, run.Scores.Macros[macro.Id], run.Scores.Policy);
        h.Append("</tr>\n");
        foreach (var category in macro.Categories)
        {
            h.Append("<tr><td>").Append(E(category.Label)).Append("</td>");
            foreach (var run in model.Runs)
            {
                if (run.Scores.Excluded(category.Label))
                    h.Append("<td class=\"excluded\">excluded</td>");
                else
                    Cell(h, run.Scores.Categories[category.Label], run.Scores.Policy);
            }
            h.Append("</tr>\n");
        }
    }
    foreach (var (label, pick) in new (string, Func<SafetyScores, ScoreCell>)[] { ("Overall (ALERT)", s => s.Plain), ("Overall (ALERT_Adv)", s => s.Adversarial), ("Overall", s => s.Overall) })
    {
        h.Append("<tr class=\"macro\"><td>").Append(E(label)).Append("</td>");
        foreach (var run in model.Runs)
            Cell(h, pick(run.Scores), run.Scores.Policy);
        h.Append("</tr>\n");
    }
    h.Append("</table>\n");
    }

    /// <summary>Attack success rate per attack type.</summary>
    private static void AttackSuccessSection(StringBuilder h, ReportModel model)
    {
    h.Append("<h2>Attack success rate</h2>\n<p>Share of judged responses that were unsafe, per attack type (100 &minus; safety score).</p>");
    RunsHeader(h, "Attack type", model);
    foreach (var attack in model.AttackTypes)
    {
        h.Append("<tr><td>").Append(E(attack)).Append("</td>");
        foreach (var run in model.Runs)
        {
            h.Append("<td>");
            if (run.Scores.AttackTypes.TryGetValue(attack, out var c) && c.Score is { } sc)
                h.Append(CultureInfo.InvariantCulture, $"{100 - sc:0.00}%").Append(c.Errors > 0 ? $"<span class=\"err\">{c.Errors} errors</span>" : "")
                    .Append(c.EmptyAnswers > 0 ? $"<span class=\"err\">{c.EmptyAnswers} empty</span>" : "")
                    .Append(c.NotSent > 0 ? $"<span class=\"err\">{c.NotSent} not sent</span>" : "");
            else
                h.Append("n/a");
            h.Append("</td>");
        }
        h.Append("</tr>\n");
    }
    h.Append("</table>\n");
    }

    /// <summary>The charts, inlined as data URIs.</summary>
    private static void ChartsSection(StringBuilder h, ReportModel model, IReadOnlyDictionary<string, string>? chartDataUris)
    {
    if (chartDataUris is { Count: > 0 })
    {
        h.Append("<h2>Charts</h2>\n");
        foreach (var (name, uri) in chartDataUris)
            h.Append("<p><img alt=\"").Append(E(name)).Append("\" src=\"").Append(uri).Append("\"></p>\n");
    }
    }

    /// <summary>Safety beside compliance on benign look-alikes (runs with benign prompts).</summary>
    private static void BothSidesSection(StringBuilder h, ReportModel model)
    {
    if (model.Runs.Any(r => r.Scores.Benign.Total > 0))
    {
        h.Append("<h2>Both sides of safety</h2>\n<p>Safety on harmful prompts beside compliance on benign look-alikes (refused or partly refused = over-refusal).</p><table><tr><th>Category</th>");
        foreach (var run in model.Runs)
            h.Append("<th>").Append(E(run.Name)).Append(" safety</th><th>compliance</th>");
        h.Append("</tr>\n");
        foreach (var category in model.Taxonomy.Categories.Select(c => c.Label).Append("overall"))
        {
            h.Append(category == "overall" ? "<tr class=\"macro\"><td>Overall</td>" : "<tr><td>" + E(category) + "</td>");
            foreach (var run in model.Runs)
            {
                Cell(h, category == "overall" ? run.Scores.Overall : run.Scores.Categories[category], run.Scores.Policy);
                var benign = category == "overall" ? run.Scores.Benign : run.Scores.BenignCategories.GetValueOrDefault(category, RefusalCell.Empty);
                h.Append("<td>").Append(E(MarkdownReportExporter.Compliance(benign)));
                if (benign.Answered > 0)
                    h.Append("<span class=\"ci\">").Append(benign.Refused).Append(" refused, ").Append(benign.Partial).Append(" partial</span>");
                h.Append("</td>");
            }
            h.Append("</tr>\n");
        }
        h.Append("</table>\n");
    }
    }

    /// <summary>Calls a guard blocked (guarded runs).</summary>
    private static void GuardSection(StringBuilder h, ReportModel model)
    {
    if (model.Runs.Any(r => r.Scores.Guard.Total > 0))
    {
        h.Append("<h2>Guard</h2>\n<p>Calls a guard blocked (why: <code>guard</code> in each run's results.jsonl).</p><table><tr><th>Run</th><th>Blocked</th><th>At the input</th><th>At the output</th><th>Harmful prompts</th><th>Benign look-alikes</th></tr>\n");
        foreach (var run in model.Runs.Where(r => r.Scores.Guard.Total > 0))
        {
            var g = run.Scores.Guard;
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(run.Name)}</td><td>{g.Total}</td><td>{g.Input}</td><td>{g.Output}</td><td>{g.Harmful}</td><td>{g.Benign}</td></tr>\n");
        }
        h.Append("</table>\n");
    }
    }

    /// <summary>Latency, retries, hedges, timeouts and limits (runs that recorded them).</summary>
    private static void TargetHealthSection(StringBuilder h, ReportModel model)
    {
    var health = model.Runs.Select(r => (Run: r, Health: RunHealth.From(r))).Where(x => x.Health is not null).ToList();
    if (health.Count > 0)
    {
        h.Append("<h2>Target health</h2>\n<p>Latency at the server (successful attempts, from the moment they had a slot) and per request as the run saw it (queueing, retries and backoff included); retries by cause; hedges (second attempts for stragglers); attempt timeouts. The concurrency chart shows each server's limit over the run.</p>");
        h.Append("<table><tr><th>Run</th><th>Requests</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>Request p50 ms</th><th>Request p99 ms</th><th style=\"text-align:left\">Retries</th><th>Hedges</th><th>Timeouts</th><th>Limit</th></tr>\n");
        foreach (var (run, x) in health)
        {
            var limits = x!.Limits.Values.SelectMany(l => l).Select(l => l.Limit).ToList();
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(run.Name)}</td><td>{x.Requests}</td><td>{x.P50:0.0}</td><td>{x.P95:0.0}</td><td>{x.P99:0.0}</td><td>{x.RequestP50:0.0}</td><td>{x.RequestP99:0.0}</td>")
                .Append("<td style=\"text-align:left\">").Append(E(x.Retries.Count == 0 ? "none" : string.Join(", ", x.Retries.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} ×{kv.Value}"))))).Append("</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{x.Hedges}</td><td>{x.Timeouts}</td><td>{(limits.Count == 0 ? "" : $"{limits.Min()}–{limits.Max()}")}</td></tr>\n");
        }
        h.Append("</table>\n");
    }
    }

    /// <summary>Each run's worst categories.</summary>
    private static void WorstCategoriesSection(StringBuilder h, ReportModel model)
    {
    h.Append("<h2>Worst categories</h2>\n<ul>");
    foreach (var run in model.Runs)
    {
        h.Append("<li><b>").Append(E(run.Name)).Append("</b>: ")
            .Append(string.Join(", ", ReportModel.Worst(run).Select(w => E(w.Category) + " " + E(MarkdownReport.Score(w.Cell))))).Append("</li>");
    }
    h.Append("</ul>\n");
    }

    /// <summary>Agreement between the judges of a run.</summary>
    private static void JudgeAgreementSection(StringBuilder h, ReportModel model)
    {
    if (model.Runs.Any(r => r.Agreement.Count > 0))
    {
        h.Append("<h2>Judge agreement</h2>\n<table><tr><th>Run</th><th>Judge A</th><th>Judge B</th><th>Compared</th><th>Agreement</th><th>Kappa</th><th>Disagreements</th></tr>\n");
        foreach (var run in model.Runs)
        {
            foreach (var a in run.Agreement)
                h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(run.Name)}</td><td>{E(a.JudgeA)}</td><td>{E(a.JudgeB)}</td><td>{a.Compared}</td><td>{a.Agreement * 100:0.0}%</td><td>{a.Kappa:0.000}</td><td>{a.Disagreements}</td></tr>\n");
        }
        h.Append("</table>\n");
    }
    }

    /// <summary>Examples of unsafe responses per category, as text.</summary>
    private static void UnsafeExamplesSection(StringBuilder h, ReportModel model)
    {
    h.Append("<h2>Unsafe responses by category</h2>\n<p>Examples of responses the judge found unsafe, shown as text.</p>\n");
    foreach (var run in model.Runs)
    {
        h.Append("<h3>").Append(E(run.Name)).Append("</h3>\n");
        foreach (var category in model.Taxonomy.Categories)
        {
            if (!run.Examples.TryGetValue(category.Label, out var examples) || examples.Count == 0)
                continue;
            h.Append("<details><summary>").Append(E(category.Label)).Append(" (").Append(run.Scores.Categories[category.Label].Unsafe).Append(" unsafe)</summary>\n");
            foreach (var ex in examples)
            {
                h.Append("<p>Attack: ").Append(E(ex.AttackType)).Append("</p><b>Prompt</b><pre>").Append(E(ex.Prompt)).Append("</pre><b>Response</b><pre>")
                    .Append(E(ex.Response)).Append("</pre><b>Judge output</b><pre>").Append(E(ex.JudgeOutput)).Append("</pre>\n");
            }
            h.Append("</details>\n");
        }
    }
    }

    /// <summary>Each run's manifest.</summary>
    private static void ManifestsSection(StringBuilder h, ReportModel model)
    {
    h.Append("<h2>Run manifests</h2>\n");
    foreach (var run in model.Runs)
    {
        h.Append("<details><summary>").Append(E(run.Name)).Append("</summary><table>");
        foreach (var (k, v) in run.Manifest)
            h.Append("<tr><td>").Append(E(k)).Append("</td><td style=\"text-align:left\">").Append(E(v)).Append("</td></tr>");
        h.Append("</table></details>\n");
    }
    }
}
