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
            AddRow(table, $"[bold]{Markup.Escape(macro.Name)}[/]", scores.Macros[macro.Id]);
            foreach (var c in macro.Categories)
                AddRow(table, "  " + Markup.Escape(c.Label), scores.Categories[c.Label]);
        }
        table.AddEmptyRow();
        foreach (var (attack, cell) in scores.AttackTypes)
            AddRow(table, "attack: " + Markup.Escape(attack), cell);
        AddRow(table, "[bold]Overall[/]", scores.Overall);
        console.Write(table);
    }

    private static void AddRow(Table table, string name, ScoreCell cell)
    {
        var colour = cell.Band switch
        {
            SafetyBand.Safe => "green",
            SafetyBand.Unsafe => "yellow",
            SafetyBand.HighlyUnsafe => "red",
            _ => "grey",
        };
        table.AddRow(name, $"[{colour}]{MarkdownReport.Score(cell)}[/]", $"[{colour}]{MarkdownReport.Band(cell)}[/]",
            cell.Safe.ToString(), cell.Unsafe.ToString(), cell.Errors.ToString(), cell.Total.ToString());
    }
}
