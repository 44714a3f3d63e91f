using System.Text;

namespace Alert.Reporting;

/// <summary>
/// Renders report sections as Markdown: tables as pipe tables, model output in fenced blocks (never markup), charts
/// as links to the PNGs beside the file.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>The report's first line, its title.</summary>
    public const string Title = "# ALERT safety report";

    /// <summary>The report's text; <paramref name="drawnCharts"/> names the charts drawn beside it.</summary>
    public static string Render(IReadOnlyList<ReportSection> sections, IReadOnlySet<string>? drawnCharts = null)
    {
        var drawn = drawnCharts ?? new HashSet<string>(StringComparer.Ordinal);
        var md = new StringBuilder(Title + "\n");
        foreach (var section in sections)
        {
            var blocks = ReportBlocks.Shown(section.Blocks, drawn.Contains);
            if (blocks.Count == 0)
                continue;
            md.Append("\n## ").Append(Escape(section.Title)).Append('\n');
            Blocks(md, blocks);
        }
        return md.ToString();
    }

    private static void Blocks(StringBuilder md, IEnumerable<ReportBlock> blocks)
    {
        foreach (var block in blocks)
        {
            md.Append('\n');
            switch (block)
            {
                case ReportParagraph p:
                    md.Append(p.Warning ? "> **Warning:** " : "").Append(Escape(p.Text)).Append('\n');
                    break;
                case ReportHeading heading:
                    md.Append("### ").Append(Escape(heading.Text)).Append('\n');
                    break;
                case ReportList list:
                    md.AppendJoin("", list.Items.Select(i => "- " + Escape(i) + "\n"));
                    break;
                case ReportFigure f:
                    md.Append("![").Append(Escape(f.Caption)).Append("](").Append(f.Chart).Append(".png)\n");
                    break;
                case ReportText t:
                    var fence = Fence(t.Text);
                    md.Append(Escape(t.Label)).Append(":\n\n").Append(fence).Append("text\n")
                        .Append(t.Text.TrimEnd('\n'))
                        .Append('\n').Append(fence).Append('\n');
                    break;
                case ReportDetails d:
                    md.Append("**").Append(Escape(d.Summary)).Append("**\n");
                    Blocks(md, d.Blocks);
                    break;
                case ReportTable table:
                    Table(md, table);
                    break;
            }
        }
    }

    private static void Table(StringBuilder md, ReportTable table)
    {
        md.Append('|');
        foreach (var c in table.Columns)
            md.Append(' ').Append(Cell(c.Title)).Append(c.Note is null ? "" : " (" + Cell(c.Note) + ")").Append(" |");
        md.Append("\n|");
        foreach (var (c, i) in table.Columns.Select((c, i) => (c, i)))
            md.Append(i > 0 && c.Numeric ? "---:|" : "---|");
        md.Append('\n');
        foreach (var row in table.Rows)
        {
            md.Append('|');
            foreach (var cell in row.Cells)
            {
                var text = cell.Code ? Code(cell.Text) : Cell(cell.Text);
                if (row.Emphasis && text.Length > 0)
                    text = "**" + text + "**";
                md.Append(' ').Append(text);
                if (cell.Interval is not null)
                    md.Append(" (").Append(cell.Interval).Append(')');
                if (cell.Counts is { Count: > 0 } counts)
                    md.Append(", ").Append(string.Join(", ", counts));
                md.Append(" |");
            }
            md.Append('\n');
        }
    }

    /// <summary>A fence longer than any run of backticks in the text, so the text cannot close it.</summary>
    private static string Fence(string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return new string('`', Math.Max(3, longest + 1));
    }

    /// <summary>Inline code that survives any text (backticks and pipes in run names).</summary>
    private static string Code(string text) =>
        "`" + text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`";

    private static string Cell(string text) => Escape(text).Replace("|", "\\|", StringComparison.Ordinal);

    // Prose is plain text: markup characters a name or a model's words may hold are escaped, line breaks joined.
    private static string Escape(string text) =>
        text.ReplaceLineEndings(" ").Replace("<", "&lt;", StringComparison.Ordinal);
}
