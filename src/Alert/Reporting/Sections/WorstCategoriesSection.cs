using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>Each run's lowest-scoring categories below 100%; left out when every category scored 100%.</summary>
public sealed class WorstCategoriesSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 110)]
    public static IReportSectionBuilder Builder { get; } = new WorstCategoriesSection();

    /// <inheritdoc />
    public string Id => "worst-categories";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var worst = model.Runs.Select(r => (Run: r, Worst: ReportModel.Worst(r).ToList())).ToList();
        if (worst.All(x => x.Worst.Count == 0))
            return null;
        var items = worst.Select(x => x.Run.Name + ": " + (x.Worst.Count == 0
            ? "every category 100%"
            : string.Join(", ", x.Worst.Select(w => w.Category + " " + ReportFormat.Score(w.Cell))))).ToList();
        return new ReportSection(Id, "Worst categories",
        [
            new ReportParagraph("Each run's lowest-scoring categories (up to five) below 100%."),
            new ReportList(items),
        ]);
    }
}
