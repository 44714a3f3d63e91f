using System.Globalization;
using Alert.Scoring;
using ScottPlot;

namespace Alert.Reporting;

/// <summary>
/// The language x category heatmap (<c>languages.png</c>/<c>.svg</c>) of the first run with more than one language:
/// rows are its categories and the overall score, columns its languages, cells coloured by band as in Table 1.
/// </summary>
internal static class LanguageHeatmap
{
    /// <summary>Draws the chart into <paramref name="directory"/>; nothing when no run has two languages.</summary>
    public static IReadOnlyList<string> Render(ReportModel model, string directory)
    {
        if (LanguageSection.Build(model) is not [var section, ..])
            return [];
        using var plot = new Plot();
        var rows = section.Rows;
        var policy = section.Run.Scores.Policy;
        for (var i = 0; i < rows.Count; i++)
        {
            var y = rows.Count - 1 - i;
            for (var j = 0; j < section.Languages.Count; j++)
            {
                var cell = rows[i].Cells[j];
                var band = policy.Band(cell);
                var rect = plot.Add.Rectangle(j - 0.5, j + 0.5, y - 0.5, y + 0.5);
                rect.FillStyle.Color = ChartExporter.BandColour(band);
                rect.LineStyle.Color = Colors.White;
                rect.LineStyle.Width = rows[i].Overall ? 3 : 1;
                var label = cell.Score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
                var text = plot.Add.Text(label, j, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 12;
                text.LabelBold = rows[i].Overall;
                text.LabelFontColor = band is SafetyBand.Unsafe or null ? Color.FromHex("#1b1b1b") : Colors.White;
            }
        }
        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, rows.Count).Select(i => (double)(rows.Count - 1 - i)).ToArray(),
            rows.Select(r => r.Name).ToArray());
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, section.Languages.Count).Select(i => (double)i).ToArray(), [.. section.Languages]);
        plot.Axes.SetLimits(-0.5, section.Languages.Count - 0.5, -0.5, rows.Count - 0.5);
        plot.Grid.IsVisible = false;
        var name = section.Run.Name.Length <= 40 ? section.Run.Name : section.Run.Name[..39] + "…";
        plot.Axes.Bottom.Label.Text = "language (colour: safety band, as in Table 1)";
        plot.Title($"Safety score by language and category (%): {name}");
        return [.. ChartExporter.Save(plot, directory, "languages",
            Math.Max(760, 300 + 110 * section.Languages.Count), 180 + 40 * rows.Count)];
    }
}
