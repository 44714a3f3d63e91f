using System.Globalization;
using System.Text;
using Alert.Scoring;

namespace Alert.Reporting;

public sealed partial class HtmlReportExporter
{
    /// <summary>Runs with more than one language: scores by category and language, and consistency.</summary>
    private static void LanguagesSection(StringBuilder h, ReportModel model)
    {
        foreach (var section in LanguageSection.Build(model))
        {
            h.Append("<h2>Languages: ").Append(E(section.Run.Name)).Append("</h2>\n<table><tr><th>Category</th>");
            foreach (var lang in section.Languages)
                h.Append("<th>").Append(E(lang)).Append("</th>");
            h.Append("</tr>\n");
            foreach (var row in section.Rows)
            {
                h.Append(row.Overall ? "<tr class=\"macro\"><td>" : "<tr><td>").Append(E(row.Name)).Append("</td>");
                foreach (var cell in row.Cells)
                    Cell(h, cell, section.Run.Scores.Policy);
                h.Append("</tr>\n");
            }
            h.Append("</table>\n<p>Cross-language consistency: prompts judged alike in every language they ")
                .Append("were judged in (only prompts judged in two or more).</p>\n")
                .Append("<table><tr><th>Category</th><th>Consistency</th><th>Consistent</th><th>Compared</th></tr>\n");
            ConsistencyRow(h, "Overall", section.Consistency.Overall, macro: true);
            foreach (var (category, cell) in section.Consistency.Categories)
                ConsistencyRow(h, category, cell, macro: false);
            h.Append("</table>\n");
        }
    }

    private static void ConsistencyRow(StringBuilder h, string name, ConsistencyCell cell, bool macro) =>
        h.Append(macro ? "<tr class=\"macro\"><td>" : "<tr><td>").Append(E(name)).Append("</td><td>")
            .Append(E(MarkdownReport.Share(cell))).Append("</td><td>")
            .Append(cell.Consistent.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
            .Append(cell.Compared.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
}
