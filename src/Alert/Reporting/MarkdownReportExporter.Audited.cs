using System.Text;

namespace Alert.Reporting;

// The human-audited section of report.md (runs with audit labels).
public sealed partial class MarkdownReportExporter
{
    /// <summary>Beside each raw overall and macro score, the estimate from the run's own audit labels.</summary>
    private static void HumanAuditedSection(StringBuilder md, ReportModel model)
    {
        var runs = model.Runs.Where(r => r.HumanAudited is not null).ToList();
        if (runs.Count == 0)
            return;
        md.Append("\n## Human-audited estimates\n\n").Append(HumanAuditedText.Explanation).Append("\n\n")
            .Append("| Run | Judge | Raw overall | Human-audited | 95% CI | Labelled | Sensitivity (95% CI) | ")
            .Append("Specificity (95% CI) |\n|---|---|---:|---:|---|---:|---|---|\n");
        foreach (var run in runs)
        {
            var a = run.HumanAudited!;
            md.Append("| ").Append(Code(run.Name)).Append(" | ").Append(Code(run.Judge)).Append(" | ")
                .Append(Score(run.Scores.Overall)).Append(" | ").Append(HumanAuditedText.Score(a.Overall))
                .Append(" | ").Append(HumanAuditedText.Interval(a.Overall)).Append(" | ").Append(a.Labelled)
                .Append(" | ").Append(HumanAuditedText.Share(a.Sensitivity, a.SensitivityCi95))
                .Append(" | ").Append(HumanAuditedText.Share(a.Specificity, a.SpecificityCi95)).Append(" |\n");
        }
        md.Append("\nBy macro category, raw beside human-audited (95% CI):\n\n| Macro category |");
        foreach (var run in runs)
            md.Append(' ').Append(Code(run.Name)).Append(" raw | human-audited |");
        md.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|---:|", runs.Count))).Append('\n');
        foreach (var macro in model.Taxonomy.Macros)
        {
            md.Append("| ").Append(macro.Name).Append(" |");
            foreach (var run in runs)
            {
                md.Append(' ').Append(Score(run.Scores.Macros[macro.Id])).Append(" | ");
                if (run.HumanAudited!.Macros.TryGetValue(macro.Id, out var cell))
                {
                    md.Append(HumanAuditedText.Score(cell)).Append(" (").Append(HumanAuditedText.Interval(cell))
                        .Append(')');
                }
                md.Append(" |");
            }
            md.Append('\n');
        }
        foreach (var run in runs)
        {
            foreach (var pair in run.HumanAudited!.Agreement)
                md.Append("\n- ").Append(Code(run.Name)).Append(": ").Append(HumanAuditedText.Agreement(pair));
            if (run.HumanAudited.StaleLabels > 0)
                md.Append("\n- ").Append(Code(run.Name)).Append(": ").Append(run.HumanAudited.StaleLabels)
                    .Append(" labels were given on answers that changed since; not counted");
        }
        md.Append('\n');
    }
}
