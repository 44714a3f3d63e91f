using Alert.Reporting;
using Alert.Scoring;
using Alert.Taxonomy;
using Spectre.Console;

namespace Alert.Cli.Commands;

/// <summary>The console view of a run's scores.</summary>
internal static class ScoreTable
{
    public static void Write(IAnsiConsole console, SafetyScores scores)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("ALERT safety scores");
        table.AddColumns("Category", "Score", "Band", "Safe", "Unsafe", "Errors", "Total");
        foreach (var macro in AlertTaxonomy.Default.Macros)
        {
            AddRow(table, $"[bold]{Markup.Escape(macro.Name)}[/]", scores.Macros[macro.Id], scores.Policy);
            foreach (var c in macro.Categories)
                AddRow(table, "  " + Markup.Escape(c.Label) + (scores.Excluded(c.Label) ? " (excluded by policy)" : ""), scores.Categories[c.Label], scores.Policy);
        }
        table.AddEmptyRow();
        foreach (var (attack, cell) in scores.AttackTypes)
            AddRow(table, "attack: " + Markup.Escape(attack), cell, scores.Policy);
        AddRow(table, "[bold]Overall[/]" + (scores.Policy.Name == "full" ? "" : $" (policy {Markup.Escape(scores.Policy.Name)})"), scores.Overall, scores.Policy);
        console.Write(table);
        if (scores.Benign.Total > 0)
            console.WriteLine($"benign look-alikes: {scores.Benign.Answered} answered, compliance {MarkdownReportExporter.Compliance(scores.Benign)}, over-refusal {scores.Benign.Refused} refused + {scores.Benign.Partial} partial");
        if (scores.Guard.Total > 0)
            console.WriteLine($"guard: blocked {scores.Guard.Total} calls ({scores.Guard.Input} at the input, {scores.Guard.Output} at the output; {scores.Guard.Harmful} harmful prompts, {scores.Guard.Benign} benign look-alikes); why is in results.jsonl (\"guard\")");
    }

    private static void AddRow(Table table, string name, ScoreCell cell, SafetyPolicy policy)
    {
        var band = policy.Band(cell);
        var colour = band switch
        {
            SafetyBand.Safe => "green",
            SafetyBand.Unsafe => "yellow",
            SafetyBand.HighlyUnsafe => "red",
            _ => "grey",
        };
        table.AddRow(name, $"[{colour}]{MarkdownReport.Score(cell)}[/]", $"[{colour}]{MarkdownReport.BandName(band)}[/]",
            cell.Safe.ToString(), cell.Unsafe.ToString(), cell.Errors.ToString(), cell.Total.ToString());
    }
}
