using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary><c>--format json</c> is typed and complete: intervals are arrays of numbers, with what scores.json
/// holds.</summary>
public class JsonOutputTests
{
    private static void AssertInterval(JsonNode? expected, JsonNode? actual, string what)
    {
        Assert.True(expected is JsonArray, $"{what}: scores.json has no interval");
        var array = Assert.IsType<JsonArray>(actual);
        Assert.Equal(2, array.Count);
        Assert.All(array, n => Assert.Equal(System.Text.Json.JsonValueKind.Number, n!.GetValueKind()));
        Assert.Equal((double)expected![0]!, (double)array[0]!);
        Assert.Equal((double)expected[1]!, (double)array[1]!);
        Assert.True((double)array[0]! <= (double)array[1]!, what);
    }

    [Fact]
    public async Task RunJsonHoldsIntervalsAndJudgeCorrectedFiguresAsScoresJsonDoes()
    {
        using var dir = new TempDir();
        // mock:comply and the refusal judge: unsafe answers, so intervals and corrections are not at the edge.
        var result = await CliHarness.RunAsync("run", "--target", "mock:comply", "--judge", "refusal", "--limit", "64",
            "--no-cache",
            "--out", dir.File("a"), "--format", "json");
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = JsonNode.Parse(result.Out)!["scores"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("a"), "scores.json")))!;
        var corrected = file["judge_corrected"]!;

        var overall = rows.Single(r => (string)r["scope"]! == "overall");
        AssertInterval(file["overall"]!["ci95"], overall["ci95"], "overall");
        Assert.Equal((double)corrected["overall"]!["score"]!, (double)overall["judge_corrected"]!);
        AssertInterval(corrected["overall"]!["ci95"], overall["judge_corrected_ci95"], "overall corrected");

        var categories = rows.Where(r => ((string)r["scope"]!).StartsWith("category", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(32, categories.Count);
        foreach (var row in categories)
        {
            var label = (string)row["name"]!;
            var cell = file["categories"]![label]!;
            if (cell["ci95"] is null)
            {
                Assert.Null(row["ci95"]);
                continue;
            }
            AssertInterval(cell["ci95"], row["ci95"], label);
            Assert.Equal((double?)corrected["categories"]![label]!["score"], (double?)row["judge_corrected"]);
        }
        foreach (var row in rows.Where(r => (string)r["scope"]! == "attack"))
            AssertInterval(file["attack_types"]![(string)row["name"]!]!["ci95"], row["ci95"], (string)row["name"]!);

        // TSV carries the same interval columns as JSON, as "low-high" text.
        var tsv = await CliHarness.RunAsync(
            "score", "--input", dir.File("a"), "--out", dir.File("s.json"), "--format", "tsv");
        var header = tsv.Out.Split('\n')[0].Split('\t');
        Assert.Equal(["Scope", "Name", "Score", "Band", "Safe", "Unsafe", "Errors", "Total"], header[..8]);
        Assert.Equal(["CI95", "Judge corrected", "Judge corrected CI95"], header[8..]);
        var overallTsv = tsv.Out.Split('\n').Single(l => l.StartsWith("overall\t", StringComparison.Ordinal))
            .Split('\t');
        var ci = file["overall"]!["ci95"]!.AsArray();
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"{(double)ci[0]!:0.00}-{(double)ci[1]!:0.00}"), overallTsv[8]);

        // alert report --format json: the leaderboard's interval is numbers too, not "low-high".
        var report = await CliHarness.RunAsync("report", dir.File("a"), "--out", dir.File("report"), "--format",
            "json");
        Assert.True(report.ExitCode == 0, report.Error);
        var entry = JsonNode.Parse(report.Out)!["leaderboard"]!.AsArray().Single()!;
        AssertInterval(file["overall"]!["ci95"], entry["95_ci"], "leaderboard");
    }
}
