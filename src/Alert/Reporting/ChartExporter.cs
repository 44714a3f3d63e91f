using Alert.Scoring;
using ScottPlot;

namespace Alert.Reporting;

/// <summary>Charts as PNG and SVG (ScottPlot): the category heatmap and attack success rates per run.</summary>
public sealed class ChartExporter : IReportExporter
{
    public static readonly string[] ChartNames = ["heatmap", "attack-success"];

    public Task<IReadOnlyList<string>> ExportAsync(ReportModel model, string directory, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        var categories = model.Taxonomy.Categories.Select(c => c.Label).ToArray();

        using (var plot = new Plot())
        {
            // Rows: categories (top to bottom); columns: runs. Missing or excluded cells are NaN (blank).
            var data = new double[categories.Length, model.Runs.Count];
            for (var i = 0; i < categories.Length; i++)
            {
                for (var j = 0; j < model.Runs.Count; j++)
                {
                    var scores = model.Runs[j].Scores;
                    data[i, j] = !scores.Excluded(categories[i]) && scores.Categories[categories[i]].Score is { } s ? s : double.NaN;
                }
            }
            var heatmap = plot.Add.Heatmap(data);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            plot.Add.ColorBar(heatmap);
            plot.Axes.Left.SetTicks(Enumerable.Range(0, categories.Length).Select(i => (double)(categories.Length - 1 - i)).ToArray(), categories);
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, model.Runs.Count).Select(i => (double)i).ToArray(), model.Runs.Select(r => Short(r.Name)).ToArray());
            plot.Title("Safety score by category (%)");
            files.AddRange(Save(plot, directory, "heatmap", 300 + 160 * model.Runs.Count, 900));
        }

        using (var plot = new Plot())
        {
            var attacks = model.AttackTypes.Where(a => a != "none").ToArray();
            var bars = new List<Bar>();
            var palette = new ScottPlot.Palettes.Category10();
            for (var a = 0; a < attacks.Length; a++)
            {
                for (var r = 0; r < model.Runs.Count; r++)
                {
                    if (model.Runs[r].Scores.AttackTypes.TryGetValue(attacks[a], out var cell) && cell.Score is { } s)
                        bars.Add(new Bar { Position = a * (model.Runs.Count + 1) + r, Value = 100 - s, FillColor = palette.GetColor(r) });
                }
            }
            plot.Add.Bars(bars);
            plot.Axes.Bottom.SetTicks(attacks.Select((_, a) => a * (model.Runs.Count + 1) + (model.Runs.Count - 1) / 2.0).ToArray(), attacks);
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Left.Label.Text = "attack success rate (%)";
            plot.Axes.SetLimitsY(0, 100);
            plot.Title("Attack success rate by attack type" + (model.Runs.Count > 1 ? " (one bar per run)" : ""));
            files.AddRange(Save(plot, directory, "attack-success", Math.Max(700, 60 * attacks.Length * model.Runs.Count), 500));
        }
        return Task.FromResult<IReadOnlyList<string>>(files);
    }

    private static IEnumerable<string> Save(Plot plot, string directory, string name, int width, int height)
    {
        var png = Path.Combine(directory, name + ".png");
        var svg = Path.Combine(directory, name + ".svg");
        plot.SavePng(png, width, height);
        plot.SaveSvg(svg, width, height);
        return [png, svg];
    }

    private static string Short(string name) => name.Length <= 28 ? name : name[..27] + "…";
}
