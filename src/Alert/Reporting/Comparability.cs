using System.Globalization;

namespace Alert.Reporting;

/// <summary>
/// Whether runs can be compared score for score: the same prompts (benchmark and prompt count) judged by the same
/// judge. Differences in either make a difference in score say nothing about the models alone.
/// </summary>
internal static class Comparability
{
    /// <summary>One phrase per way the runs differ; empty when they can be compared (or there is one run).</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<RunReport> runs)
    {
        var differences = new List<string>();
        if (runs.Count < 2)
            return differences;
        var counts = runs.Select(r => r.Scores.Overall.Total).Distinct().ToList();
        var benchmarks = runs.Select(r => r.Manifest.GetValueOrDefault("benchmark_sha256", "")).Distinct().Count();
        if (counts.Count > 1)
        {
            // Each count names its run: the tables list runs by score, not in the order they were given.
            differences.Add("they ran different numbers of prompts (" + string.Join(" / ",
                runs.Select(r => r.Name + " " + r.Scores.Overall.Total.ToString("#,0", CultureInfo.InvariantCulture)))
                + ")");
        }
        if (benchmarks > 1)
            differences.Add($"they ran {benchmarks} different benchmark files");
        var judges = runs.Select(r => r.Judge).Distinct(StringComparer.Ordinal).ToList();
        if (judges.Count > 1)
            differences.Add($"they were judged by {judges.Count} different judges");
        return differences;
    }
}
