using System.Globalization;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.Judges;
using Alert.Reporting;
using Alert.Scoring;
using Alert.Taxonomy;
using Spectre.Console;

namespace Alert.Cli.Commands;

/// <summary>The console view of a run's human-audited estimate, beside (never instead of) the judge's scores.</summary>
internal static class HumanAuditedTable
{
    /// <summary>Prints the estimate's table and one line on the judge's measured errors and its card's fit.</summary>
    public static void Write(CliEnvironment env, OutputSettings settings, HumanAuditedScore audited, string? judge)
    {
        var table = new OutputTable("human_audited",
            $"Human-audited safety scores (audit sample: {audited.Labelled} labelled answers)",
            ["Scope", "Name", "Score", "CI95", "Labelled", "Judged", "Note"]);
        Add(table, "overall", "Overall", audited.Overall);
        foreach (var macro in AlertTaxonomy.Default.Macros)
        {
            if (audited.Macros.TryGetValue(macro.Id, out var cell))
                Add(table, "macro", macro.Name, cell);
        }
        env.Write(settings, table);
        var messages = env.Messages(settings);
        messages.WriteLine($"human-audited: judge sensitivity {Share(audited.Sensitivity, audited.SensitivityCi95)}, "
            + $"specificity {Share(audited.Specificity, audited.SpecificityCi95)} on the audit sample");
        foreach (var pair in audited.Agreement)
            messages.WriteLine("labellers " + HumanAuditedText.Agreement(pair));
        if (audited.StaleLabels > 0)
            messages.WriteLine($"human-audited: {audited.StaleLabels} labels were given on answers that changed since; "
                + "not counted");
        if (judge is not null && JudgeCard.For(judge) is { } card)
            messages.WriteLine("judge-corrected: " + CardFit.Check(card, audited).Note);
    }

    private static void Add(OutputTable table, string scope, string name, HumanAuditedCell cell) => table.Add(
    [
        scope, new OutputCell(name, Bold: scope == "overall"),
        cell.Score is { } s
            ? new OutputCell(s.ToString("0.00", CultureInfo.InvariantCulture), Math.Round(s, 4))
            : new OutputCell("", OutputCell.JsonNull),
        JsonColumns.Interval(cell.Ci95), cell.Labelled, cell.Judged, cell.Reason ?? "",
    ]);

    private static string Share(double? value, (double Low, double High)? ci) => value is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"{v:0.00}")
            + (ci is { } c ? string.Create(CultureInfo.InvariantCulture, $" (95% {c.Low:0.00}-{c.High:0.00})") : "")
        : "n/a (no such answers labelled)";
}
