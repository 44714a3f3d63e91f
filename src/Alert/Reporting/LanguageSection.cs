using Alert.Scoring;

namespace Alert.Reporting;

/// <summary>
/// What a report shows about a run with more than one language: scores by category and language (the heatmap and its
/// table) and cross-language consistency. Built once; the report formats only render it.
/// </summary>
public sealed record LanguageSection(
    RunReport Run, IReadOnlyList<string> Languages, IReadOnlyList<LanguageRow> Rows, LanguageConsistency Consistency)
{
    /// <summary>One section per run of <paramref name="model"/> that has more than one language.</summary>
    public static IReadOnlyList<LanguageSection> Build(ReportModel model) =>
        model.Runs.Where(r => r.Scores.Languages.Count > 1 && r.Scores.Consistency is not null)
            .Select(r => For(r, model))
            .ToList();

    private static LanguageSection For(RunReport run, ReportModel model)
    {
        var languages = run.Scores.Languages;
        var rows = new List<LanguageRow>();
        foreach (var category in model.Taxonomy.Categories.Select(c => c.Label))
        {
            // Only categories the run has prompts in: a language table of 32 empty rows says nothing.
            var cells = languages.Values.Select(l => l.Categories[category]).ToList();
            if (cells.Any(c => c.Total > 0) && !run.Scores.Excluded(category))
                rows.Add(new LanguageRow(category, false, cells));
        }
        rows.Add(new LanguageRow("Overall", true, [.. languages.Values.Select(l => l.Overall)]));
        return new LanguageSection(run, [.. languages.Keys], rows, run.Scores.Consistency!);
    }
}
