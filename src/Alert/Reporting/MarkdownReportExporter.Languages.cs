using System.Globalization;
using System.Text;
using Alert.Scoring;

namespace Alert.Reporting;

public sealed partial class MarkdownReportExporter
{
    /// <summary>Runs with more than one language: scores by category and language, and consistency.</summary>
    private static void LanguagesSection(StringBuilder md, ReportModel model)
    {
        foreach (var section in LanguageSection.Build(model))
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## Languages: {Code(section.Run.Name)}\n\n| Category |");
            foreach (var lang in section.Languages)
                md.Append(CultureInfo.InvariantCulture, $" {Code(lang)} |");
            md.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", section.Languages.Count)))
                .Append('\n');
            foreach (var row in section.Rows)
            {
                var name = row.Overall ? $"**{row.Name}**" : Code(row.Name);
                md.Append(CultureInfo.InvariantCulture, $"| {name} |");
                foreach (var cell in row.Cells)
                    md.Append(CultureInfo.InvariantCulture, $" {(row.Overall ? $"**{Score(cell)}**" : Score(cell))} |");
                md.Append('\n');
            }
            md.Append("\nCross-language consistency: prompts judged alike in every language they were judged in ")
                .Append("(only prompts judged in two or more).\n\n| Category | Consistency | Consistent | Compared |\n")
                .Append("|---|---:|---:|---:|\n");
            ConsistencyRow(md, "**Overall**", section.Consistency.Overall);
            foreach (var (category, cell) in section.Consistency.Categories)
                ConsistencyRow(md, Code(category), cell);
        }
    }

    private static void ConsistencyRow(StringBuilder md, string name, ConsistencyCell cell) =>
        md.Append(CultureInfo.InvariantCulture, $"| {name} | {MarkdownReport.Share(cell)} | {cell.Consistent} | ")
            .Append(CultureInfo.InvariantCulture, $"{cell.Compared} |\n");
}
