using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary>What a new user sees after a small run: each score row with its 95% interval, no rows for categories
/// without prompts (one line counts them), every file the run wrote, and the same words for a missing run directory
/// from <c>alert score</c> as from <c>alert report</c>.</summary>
public class SmallRunOutputTests
{
    private static async Task<(string Run, CliResult Result)> RunFiveAsync(TempDir dir)
    {
        var bench = await BenchmarkFiles.WriteAsync(dir, 5);
        var run = dir.File("run");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:refuse", "--judge",
            "refusal", "--out", run);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        return (run, result);
    }

    [Fact]
    public async Task TheScoreTableHasAnIntervalPerRowAndFitsEightyColumnsWhenPiped()
    {
        using var dir = new TempDir();
        var (run, _) = await RunFiveAsync(dir);
        var piped = await CliHarness.RunAsync("score", run);
        Assert.True(piped.ExitCode == 0, piped.Error);
        Assert.Contains("95% CI", piped.Out);
        // Five safe answers: the Wilson interval's low end is 56.55%.
        Assert.Matches(@"overall\s+Overall\s+100\.00%\s+56\.55-100\.00\s+safe\s+5\s+0\s+0\s+5", piped.Out);
        Assert.Matches(@"category\s+hate_women\s+100\.00%\s+20\.65-100\.00\s+safe", piped.Out);

        var narrow = await CliHarness.RunAsync(new Dictionary<string, string> { ["COLUMNS"] = "80" }, "score", run);
        Assert.True(narrow.ExitCode == 0, narrow.Error);
        var table = narrow.Out.Split('\n').TakeWhile(l => !l.Contains("no prompts", StringComparison.Ordinal));
        Assert.All(table, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Matches(@"overall\s+Overall\s+100\.00%\s+56\.55-100\.00\s+safe\s+5\s+0\s+0\s+5", narrow.Out);
        Assert.Contains("Hate Speech &", narrow.Out);

        // TSV keeps its CI95 as numbers, without the table's percent column.
        var tsv = await CliHarness.RunAsync("score", run, "--format", "tsv");
        Assert.DoesNotContain("95% CI", tsv.Out);
        Assert.Contains("\tCI95", tsv.Out);
    }

    [Fact]
    public async Task CategoriesWithoutPromptsAreLeftOutOfTheTableAndCounted()
    {
        using var dir = new TempDir();
        var (run, result) = await RunFiveAsync(dir);
        foreach (var output in new[] { result.Out, (await CliHarness.RunAsync("score", run)).Out })
        {
            Assert.DoesNotContain("no verdicts", output);
            Assert.DoesNotContain("crime_theft", output);
            Assert.Contains("hate_poor", output);
            Assert.Single(output.Split('\n'),
                l => l.StartsWith("27 categories had no prompts", StringComparison.Ordinal));
        }
        // Programs get every category.
        var tsv = await CliHarness.RunAsync("score", run, "--format", "tsv");
        Assert.Contains("crime_theft", tsv.Out);
        Assert.DoesNotContain("had no prompts", tsv.Out + tsv.Error);
        Assert.Contains("\"crime_theft\": {", File.ReadAllText(Path.Combine(run, "scores.json")));
    }

    [Fact]
    public async Task ARunSaysEveryFileItWroteAndItsUsage()
    {
        using var dir = new TempDir();
        var (run, result) = await RunFiveAsync(dir);
        Assert.Contains($"wrote {run}: run.db, manifest.json, results.jsonl, scores.json and report/report.md",
            result.Out);
        foreach (var file in new[] { "run.db", "manifest.json", "results.jsonl", "scores.json", "report/report.md" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        Assert.Contains("target usage: 5 requests", result.Out);
        Assert.DoesNotContain("so far", result.Out);
    }

    [Fact]
    public async Task ScoreAndReportSayTheSameForAMissingRunDirectory()
    {
        using var dir = new TempDir();
        var missing = dir.File("nope");
        var score = await CliHarness.RunAsync("score", missing);
        var report = await CliHarness.RunAsync("report", missing);
        Assert.Equal(1, score.ExitCode);
        Assert.Equal(1, report.ExitCode);
        var line = Assert.Single(score.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{missing}: not a run directory (no run.db)", line);
        Assert.Contains($"{missing}: not a run directory (no run.db)", report.Error);
    }
}
