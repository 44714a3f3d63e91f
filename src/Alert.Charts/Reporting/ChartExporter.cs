using System.Globalization;
using Alert.Plugins;
using Alert.Scoring;
using ScottPlot;

namespace Alert.Reporting;

/// <summary>Charts as PNG and SVG (ScottPlot): the category heatmap and attack success rates per run.</summary>
public sealed class ChartExporter : IReportExporter
{
    /// <summary>The exporter, as the registry finds it.</summary>
    [AlertPlugin(Order = 10)]
    public static IReportExporter Exporter { get; } = new ChartExporter();

    /// <summary>The exporter's name for <c>--format</c>.</summary>
    public string Name => "charts";

    /// <summary>One line for help.</summary>
    public string Description =>
        "Charts as PNG and SVG: the category heatmap, attack success rates and the concurrency limit over time";

    /// <summary>The charts it draws.</summary>
    public static IReadOnlyList<string> ChartNames => ReportCharts.Names;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ExportAsync(
        ReportModel model, string directory, CancellationToken cancellationToken = default)
    {
        // ScottPlot formats its automatic ticks and SVG coordinates with the current culture ("1,5" under de-DE).
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return Task.FromResult(Render(model, directory));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static IReadOnlyList<string> Render(ReportModel model, string directory)
    {
        var files = new List<string>();
        var categories = model.Taxonomy.Categories.Select(c => c.Label).ToArray();

        // Without benchmark runs (an attack-only report) there is no heatmap and no attack-type chart to draw.
        if (model.Runs.Count > 0)
            files.AddRange(Heatmap(model, directory, categories));
        if (model.AttackTypes.Any(a => a != "none"))
            files.AddRange(AttackSuccess(model, directory));
        files.AddRange(Concurrency(model, directory));
        files.AddRange(LanguageHeatmap.Render(model, directory));
        return files;
    }

    private static IReadOnlyList<string> Heatmap(ReportModel model, string directory, string[] categories)
    {
        using (var plot = new Plot())
        {
            // Rows: categories (top to bottom); columns: runs. Each cell is coloured by its safety band (a fixed
            // scale, never stretched to the data) and prints its score; n/a and excluded cells are grey.
            for (var i = 0; i < categories.Length; i++)
            {
                var y = categories.Length - 1 - i;
                for (var j = 0; j < model.Runs.Count; j++)
                {
                    var scores = model.Runs[j].Scores;
                    var excluded = scores.Excluded(categories[i]);
                    var cell = scores.Categories[categories[i]];
                    var band = excluded ? null : scores.Policy.Band(cell);
                    var rect = plot.Add.Rectangle(j - 0.5, j + 0.5, y - 0.5, y + 0.5);
                    rect.FillStyle.Color = BandColour(band);
                    rect.LineStyle.Color = Colors.White;
                    rect.LineStyle.Width = 1;
                    var text = plot.Add.Text(excluded ? "excluded" : cell.Score is { } sc
                        ? sc.ToString("0.0", CultureInfo.InvariantCulture) : "n/a", j, y);
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontSize = 12;
                    text.LabelFontColor = band is SafetyBand.Unsafe or null ? Color.FromHex("#1b1b1b") : Colors.White;
                }
            }
            plot.Axes.Left.SetTicks(Enumerable.Range(0, categories.Length)
                .Select(i => (double)(categories.Length - 1 - i)).ToArray(), categories);
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, model.Runs.Count).Select(i => (double)i).ToArray(),
                model.Runs.Select(r => Short(r.Name)).ToArray());
            plot.Axes.SetLimits(-0.5, model.Runs.Count - 0.5, -0.5, categories.Length - 0.5);
            plot.Grid.IsVisible = false;
            var policy = model.Policy;
            foreach (var (band, label) in new (SafetyBand?, string)[]
            {
                (SafetyBand.Safe, $"safe (>= {policy.SafeThreshold.ToString(CultureInfo.InvariantCulture)})"),
                (SafetyBand.Unsafe,
                    $"unsafe ({policy.UnsafeThreshold.ToString(CultureInfo.InvariantCulture)} to " +
                    $"< {policy.SafeThreshold.ToString(CultureInfo.InvariantCulture)})"),
                (SafetyBand.HighlyUnsafe,
                    $"highly unsafe (< {policy.UnsafeThreshold.ToString(CultureInfo.InvariantCulture)})"),
                (null, "n/a or excluded"),
            })
            {
                var colour = BandColour(band);
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = label,
                    FillColor = colour,
                    LineColor = colour,
                    MarkerShape = MarkerShape.FilledSquare,
                    MarkerFillColor = colour,
                    MarkerLineColor = colour,
                    MarkerSize = 12
                });
            }
            plot.ShowLegend(Edge.Bottom);
            plot.Title("Safety score by category (%), coloured by band");
            // Wide enough for the title and the legend whatever the number of runs.
            return Save(plot, directory, "heatmap", Math.Max(760, 420 + 170 * model.Runs.Count), 1000).ToList();
        }
    }

    private static IReadOnlyList<string> AttackSuccess(ReportModel model, string directory)
    {
        using (var plot = new Plot())
        {
            // Horizontal bars: attack names sit on the left axis, which is sized to them, so none is clipped.
            var attacks = model.AttackTypes.Where(a => a != "none").ToArray();
            var palette = new ScottPlot.Palettes.Category10();
            var bars = new List<Bar>();
            for (var a = 0; a < attacks.Length; a++)
            {
                for (var r = 0; r < model.Runs.Count; r++)
                {
                    if (model.Runs[r].Scores.AttackTypes.TryGetValue(attacks[a], out var cell) && cell.Score is { } s)
                    {
                        var asr = 100 - s;
                        bars.Add(new Bar
                        {
                            Position = -(a * (model.Runs.Count + 1) + r),
                            Value = asr,
                            FillColor = palette.GetColor(r),
                            Label = asr.ToString("0.0", CultureInfo.InvariantCulture),
                            LabelOnTop = true,
                        });
                    }
                }
            }
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            barPlot.ValueLabelStyle.FontSize = 11;
            plot.Axes.Left.SetTicks(attacks.Select(
                (_, a) => -(a * (model.Runs.Count + 1) + (model.Runs.Count - 1) / 2.0)).ToArray(), attacks);
            plot.Axes.Bottom.Label.Text = "attack success rate (%)";
            // Rates are shares: the axis stops at 100%. A bar's label sits past its end, so the right edge keeps room
            // for the label of a bar at 100%.
            plot.Axes.SetLimitsX(0, 100);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(10);
            plot.Axes.Right.MinimumSize = 48;
            plot.Axes.Right.FrameLineStyle.Width = 0; // a label past 100% is not struck through by the frame
            if (model.Runs.Count > 1)
            {
                for (var r = 0; r < model.Runs.Count; r++)
                    plot.Legend.ManualItems.Add(
                        new LegendItem
                        {
                            LabelText = Short(model.Runs[r].Name),
                            FillColor = palette.GetColor(r),
                            MarkerShape = MarkerShape.FilledSquare,
                            MarkerFillColor = palette.GetColor(r),
                            MarkerSize = 12
                        });
                plot.ShowLegend(Edge.Bottom);
            }
            plot.Title("Attack success rate by attack type");
            var height = Math.Max(360, 140 + 26 * attacks.Length * (model.Runs.Count + 1));
            return Save(plot, directory, "attack-success", 900, height).ToList();
        }
    }

    private static IReadOnlyList<string> Concurrency(ReportModel model, string directory)
    {
        var health = model.Runs.Select(r => (Run: r, Health: RunHealth.From(r)))
            .Where(x => x.Health is { Limits.Count: > 0 }).ToList();
        if (health.Count > 0)
        {
            using var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            var line = 0;
            foreach (var (run, h) in health)
            {
                foreach (var (server, samples) in h!.Limits)
                {
                    // A step line: the limit holds until its next change, and to the end of the run.
                    var steps = plot.Add.ScatterLine(
                        samples.Select(s => s.Seconds).ToArray(), samples.Select(s => (double)s.Limit).ToArray());
                    steps.ConnectStyle = ConnectStyle.StepHorizontal;
                    // Lines often coincide (two servers at the same limit): each has its own colour, dash pattern,
                    // marker and width, drawn widest first, so one never hides another.
                    steps.Color = palette.GetColor(line);
                    steps.LinePattern = Patterns[line % Patterns.Length];
                    steps.MarkerShape = Markers[line % Markers.Length];
                    steps.MarkerSize = 9;
                    steps.LineWidth = Math.Max(1.5f, 5 - 1.5f * line);
                    line++;
                    steps.LegendText = health.Count > 1 ? $"{run.Name} @ {server}" : server;
                }
            }
            var highest = health.SelectMany(x => x.Health!.Limits.Values.SelectMany(l => l)).Max(l => l.Limit);
            plot.Axes.SetLimitsY(0, highest * 1.15 + 1);
            plot.Axes.Bottom.Label.Text = "seconds into the run";
            plot.Axes.Left.Label.Text = "requests in flight allowed";
            plot.ShowLegend(Edge.Bottom);
            plot.Title("Concurrency limit per server");
            return Save(plot, directory, "concurrency", 900, 420).ToList();
        }
        return [];
    }

    private static readonly LinePattern[] Patterns =
        [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    private static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleUp, MarkerShape.OpenDiamond,
        MarkerShape.Cross,
    ];

    internal static IEnumerable<string> Save(Plot plot, string directory, string name, int width, int height)
    {
        var png = Path.Combine(directory, name + ".png");
        var svg = Path.Combine(directory, name + ".svg");
        plot.SavePng(png, width, height);
        plot.SaveSvg(svg, width, height);
        File.WriteAllText(svg, NumberClipIds(File.ReadAllText(svg)));
        return [png, svg];
    }

    /// <summary>
    /// Skia names SVG clip paths from a process-wide counter (<c>cl_8d</c>): renumbered by first appearance, the same
    /// chart is the same file whatever was drawn before it.
    /// </summary>
    private static string NumberClipIds(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(svg, @"\bcl_[0-9a-f]+\b", m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
                ids[m.Value] = id = "cl_" + ids.Count.ToString(CultureInfo.InvariantCulture);
            return id;
        });
    }

    /// <summary>The report's band colours (the HTML table uses the same).</summary>
    internal static Color BandColour(SafetyBand? band) => band switch
    {
        SafetyBand.Safe => Color.FromHex("#2e7d32"),
        SafetyBand.Unsafe => Color.FromHex("#f9a825"),
        SafetyBand.HighlyUnsafe => Color.FromHex("#c62828"),
        _ => Color.FromHex("#dddddd"),
    };

    private static string Short(string name) => name.Length <= 28 ? name : name[..27] + "…";
}
