using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>The charts the report drew (a writer leaves out any that was not drawn).</summary>
public sealed class ChartsSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 70)]
    public static IReportSectionBuilder Builder { get; } = new ChartsSection();

    /// <inheritdoc />
    public string Id => "charts";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var figures = new List<ReportBlock>();
        if (model.Runs.Count > 0)
            figures.Add(new ReportFigure("heatmap", "Safety score by category, coloured by band"));
        if (model.AttackTypes.Any(a => a != "none"))
            figures.Add(new ReportFigure("attack-success", "Attack success rate by attack type"));
        if (model.Runs.Any(r => RunHealth.From(r) is { Limits.Count: > 0 }))
            figures.Add(new ReportFigure("concurrency", "Concurrency limit per server over the run"));
        return figures.Count == 0 ? null : new ReportSection(Id, "Charts", figures);
    }
}
