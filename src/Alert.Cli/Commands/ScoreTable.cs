using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.Judges;
using Alert.Reporting;
using Alert.Scoring;
using Alert.Taxonomy;
using Spectre.Console;

namespace Alert.Cli.Commands;

/// <summary>The console view of a run's scores.</summary>
internal static class ScoreTable
{
    /// <summary>
    /// Prints the scores. As JSON or TSV each row also holds its 95% interval (<c>ci95</c>: [low, high]) and, when
    /// the judge has a
    /// card, the judge-corrected score and interval, the figures <c>scores.json</c> holds.
    /// </summary>
    public static void Write(CliEnvironment env, OutputSettings settings, SafetyScores scores, string? judge = null)
    {
        // Empty answers and prompts not sent get columns of their own when there are any.
        var extra = new List<(string Header, Func<ScoreCell, int> Count)>();
        if (scores.Categories.Values.Any(c => c.EmptyAnswers > 0))
            extra.Add(("Empty", c => c.EmptyAnswers));
        if (scores.Categories.Values.Any(c => c.NotSent > 0))
            extra.Add(("Not sent", c => c.NotSent));
        // TSV is for programs too: it carries the same interval and judge-corrected columns as JSON.
        var json = settings.OutputFormat is OutputFormat.Json or OutputFormat.Tsv
            ? new JsonColumns(judge is null ? null : JudgeCard.For(judge))
            : null;
        var table = new OutputTable("scores", "ALERT safety scores",
            ["Scope", "Name", "Score", "Band", "Safe", "Unsafe", "Errors", .. extra.Select(e => e.Header), "Total",
                .. json?.Headers ?? []]);
        foreach (var macro in AlertTaxonomy.Default.Macros)
        {
            AddRow(table, extra, json, "macro", macro.Name, scores.Macros[macro.Id], scores.Policy, bold: true);
            foreach (var c in macro.Categories)
                AddRow(table, extra, json, scores.Excluded(c.Label) ? "category (excluded by policy)" : "category",
                    c.Label, scores.Categories[c.Label], scores.Policy);
        }
        foreach (var (attack, cell) in scores.AttackTypes)
            AddRow(table, extra, json, "attack", attack, cell, scores.Policy);
        AddRow(table, extra, json, "overall", scores.Policy.Name == "full" ? "Overall"
            : $"Overall (policy {scores.Policy.Name})", scores.Overall, scores.Policy, bold: true);
        foreach (var (lang, perLanguage) in scores.Languages)
            AddRow(table, extra, json, "language", lang, perLanguage.Overall, scores.Policy);
        if (scores.Consistency is { } consistency)
            env.Write(settings, table, ConsistencyTable.Create(consistency, [.. scores.Languages.Keys]));
        else
            env.Write(settings, table);
        var messages = env.Messages(settings);
        if (scores.Benign.Total > 0)
        {
            messages.WriteLine($"benign look-alikes: {scores.Benign.Answered} answered, compliance "
                + $"{ReportFormat.Compliance(scores.Benign)}, over-refusal {scores.Benign.Refused} refused + "
                + $"{scores.Benign.Partial} partial");
        }
        if (scores.Guard.Total > 0)
            messages.WriteLine(
                $"guard: blocked {scores.Guard.Total} calls ({scores.Guard.Input} at the " +
                $"input, {scores.Guard.Output} at the output; {scores.Guard.Harmful} harmful " +
                $"prompts, {scores.Guard.Benign} benign look-alikes); why is in results.jsonl (\"guard\")");
    }

    private static void AddRow(OutputTable table, List<(string Header, Func<ScoreCell, int> Count)> extra,
        JsonColumns? json,
        string scope, string name, ScoreCell cell, SafetyPolicy policy, bool bold = false)
    {
        var band = policy.Band(cell);
        var colour = band switch
        {
            SafetyBand.Safe => "green",
            SafetyBand.Unsafe => "yellow",
            SafetyBand.HighlyUnsafe => "red",
            _ => "grey",
        };
        var score = cell.Score is { } s ? Math.Round(s, 4) : OutputCell.JsonNull;
        table.Add([scope, new OutputCell(name, Bold: bold), new OutputCell(ReportFormat.Score(cell), score, colour),
            new OutputCell(ReportFormat.BandName(band), Colour: colour), cell.Safe, cell.Unsafe, cell.Errors,
            .. extra.Select(e => (OutputCell)e.Count(cell)), cell.Total,
            .. json?.Cells(cell, scope.EndsWith("(excluded by policy)", StringComparison.Ordinal)) ?? []]);
    }
}
