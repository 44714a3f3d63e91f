using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>Every run's manifest, benchmark runs and attack runs alike: what was run, how, when, with what.</summary>
public sealed class ManifestsSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 150)]
    public static IReportSectionBuilder Builder { get; } = new ManifestsSection();

    /// <inheritdoc />
    public string Id => "manifests";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var manifests = model.Runs.Select(r => (r.Name, r.Manifest))
            .Concat(model.Attacks.Select(a => (a.Name, a.Manifest))).ToList();
        if (manifests.Count == 0)
            return null;
        return new ReportSection(Id, "Run manifests", manifests.Select(m => (ReportBlock)new ReportDetails(m.Name,
        [
            new ReportTable([new("Key", false), new("Value", false)],
                m.Manifest.Select(kv => new ReportRow([ReportCell.Name(kv.Key), new(kv.Value)])).ToList()),
        ])).ToList());
    }
}
