using System.Globalization;
using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>Examples of answers the judge found unsafe, per run and category, shown as text.</summary>
public sealed class UnsafeExamplesSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 130)]
    public static IReportSectionBuilder Builder { get; } = new UnsafeExamplesSection();

    /// <inheritdoc />
    public string Id => "unsafe-examples";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Runs.Any(r => r.Examples.Values.Any(e => e.Count > 0)))
            return null;
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph("Examples of responses the judge found unsafe, shown as text."),
        };
        foreach (var run in model.Runs.Where(r => r.Examples.Values.Any(e => e.Count > 0)))
        {
            blocks.Add(new ReportHeading(run.Name));
            foreach (var category in model.Taxonomy.Categories)
            {
                if (!run.Examples.TryGetValue(category.Label, out var examples) || examples.Count == 0)
                    continue;
                var unsafeCount = run.Scores.Categories[category.Label].Unsafe;
                blocks.Add(new ReportDetails(string.Create(CultureInfo.InvariantCulture,
                    $"{category.Label} ({unsafeCount} unsafe)"), examples.SelectMany(ex => new ReportBlock[]
                {
                    new ReportParagraph("Attack: " + ex.AttackType),
                    new ReportText("Prompt", ex.Prompt),
                    new ReportText("Response", ex.Response),
                    new ReportText("Judge output", ex.JudgeOutput),
                }).ToList()));
            }
        }
        return new ReportSection(Id, "Unsafe responses by category", blocks);
    }
}
