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
    /// card, the judge-corrected score and interval, the figures <c>scores.json</c> holds. As a table each row has
    /// its 95% interval in percent, and categories without prompts are left out (one line says how many).
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
            ["Scope", "Name", "Score", .. json is null ? ["95% CI"] : Array.Empty<string>(), "Band", "Safe", "Unsafe",
                "Errors", .. extra.Select(e => e.Header), "Total", .. json?.Headers ?? []])
        {
            // Narrow, the band (the score says it) and the safe count (total less the rest) give way first; at 60
            // columns the scope too (the name says it: macro names are prose, labels and attack types one word), so
            // that no category label is cut.
            Spare = ["Band", "Safe", "Scope"],
        };
        // On the console a small run would print a row of 'no verdicts' for each of the 32 categories it lacks:
        // those rows are left out and counted; TSV and JSON, for programs, keep every row.
        var skipEmpty = json is null;
        var withoutPrompts = 0;
        foreach (var macro in AlertTaxonomy.Default.Macros)
        {
            if (!skipEmpty || scores.Macros[macro.Id].Total > 0)
                AddRow(table, extra, json, "macro", macro.Name, scores.Macros[macro.Id], scores.Policy, bold: true);
            foreach (var c in macro.Categories)
            {
                if (skipEmpty && scores.Categories[c.Label].Total == 0)
                {
                    withoutPrompts++;
                    continue;
                }
                AddRow(table, extra, json, scores.Excluded(c.Label) ? "category (excluded by policy)" : "category",
                    c.Label, scores.Categories[c.Label], scores.Policy);
            }
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
        if (withoutPrompts > 0)
            env.WriteMessage(messages, withoutPrompts == 1
                ? "1 category had no prompts (left out above; --format tsv lists every category)"
                : $"{withoutPrompts} categories had no prompts (left out above; --format tsv lists every category)");
        if (scores.Benign.Total > 0)
        {
            env.WriteMessage(messages, $"benign look-alikes: {scores.Benign.Answered} answered, compliance "
                + $"{ReportFormat.Compliance(scores.Benign)}, over-refusal {scores.Benign.Refused} refused + "
                + $"{scores.Benign.Partial} partial");
        }
        if (scores.Guard.Total > 0)
            env.WriteMessage(messages,
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
        // The table's interval is in percent as the score is; JSON and TSV carry it as numbers in their CI95.
        OutputCell[] interval = json is not null ? []
            : [cell.Wilson95 is { } ci ? new OutputCell(ReportFormat.Interval(ci)!, ci.Low) : ""];
        table.Add([scope, new OutputCell(name, Bold: bold), new OutputCell(ReportFormat.Score(cell), score, colour),
            .. interval, new OutputCell(ReportFormat.BandName(band), Colour: colour), cell.Safe, cell.Unsafe,
            cell.Errors,
            .. extra.Select(e => (OutputCell)e.Count(cell)), cell.Total,
            .. json?.Cells(cell, scope.EndsWith("(excluded by policy)", StringComparison.Ordinal)) ?? []]);
    }
}
