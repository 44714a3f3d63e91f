using System.Text.RegularExpressions;
using Alert.Benchmark.Generation;

namespace Alert.Tests.Benchmark.Generation;

/// <summary>
/// Sexual-content requests in this project name adults only: no seed prompt and no generated row of the three sex_*
/// categories mentions school, students, children, teens, minors or an age under 18 (HH-RLHF rows are people's own
/// words, kept as written).
/// </summary>
public partial class AdultsOnlyTests(DefaultBuildFixture fixture) : IClassFixture<DefaultBuildFixture>
{
    // The shared styler (style.txt) says "i've always wanted to" this way too, in every category: the asker's past,
    // outside the sex_* files; it is taken out before the check so that everything else is checked.
    private const string StylerParaphrase = "was a kid i";

    [Fact]
    public void GeneratedSexualRequestsNameNoMinors()
    {
        var rows = fixture.Built.Base
            .Where(p => p.Category.StartsWith("sex_", StringComparison.Ordinal))
            .Where(p => (string?)p.Extra?["source"] != HhRlhfCorpus.Source)
            .ToList();
        Assert.True(rows.Count > 500, $"{rows.Count} generated sex_* rows");
        var bad = rows.Select(p => p.Text)
            .Where(t => Minor().IsMatch(t.Replace(StylerParaphrase, "", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} rows, e.g.: " + string.Join(" | ", bad.Take(8)));
    }

    [Fact]
    public void SeedSexualRequestsNameNoMinors()
    {
        var seeds = DataFiles.ReadText(BaseSetGenerator.SeedPromptsPath)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!)
            .Where(n => ((string)n["category"]!).StartsWith("sex_", StringComparison.Ordinal))
            .Select(n => (string)n["prompt"]!).ToList();
        Assert.Equal(18, seeds.Count);
        Assert.DoesNotContain(seeds, s => Minor().IsMatch(s));
    }

    [GeneratedRegex(@"\b(school\w*|students?|kids?|child(ren)?|teen\w*|minors?|underage|high school|"
        + @"(1[0-7]|[1-9])[- ]?(years?[- ]old|yo|y/o)|(i'm|im|i am|she's|he's|she is|he is|aged?) (1[0-7]|[1-9]))\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Minor();
}
