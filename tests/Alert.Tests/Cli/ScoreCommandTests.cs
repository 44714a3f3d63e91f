using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary><c>alert score RUNDIR</c>, as <c>alert report RUNDIR</c> and <c>alert view RUNDIR</c> take it: writes
/// the run's scores.json and prints the summary's judge-corrected line with the figures scores.json holds.</summary>
public class ScoreCommandTests
{
    [Fact]
    public async Task ScoreTakesARunDirectoryWritesItsScoresAndPrintsTheJudgeCorrectedLine()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        var ran = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "40",
            "--out", run);
        Assert.True(ran.ExitCode == 0, ran.Error);
        var scoresPath = Path.Combine(run, "scores.json");
        var written = File.ReadAllText(scoresPath);
        File.Delete(scoresPath);

        var score = await CliHarness.RunAsync("score", run);
        Assert.True(score.ExitCode == 0, score.Out + score.Error);
        Assert.Equal(written, File.ReadAllText(scoresPath));
        Assert.Contains($"wrote {scoresPath}", score.Out);
        var overall = JsonNode.Parse(written)!["judge_corrected"]!["overall"]!;
        var (value, low, high) = ((double)overall["score"]!, (double)overall["ci95"]![0]!,
            (double)overall["ci95"]![1]!);
        var line = Assert.Single(score.Out.Split('\n'), l => l.StartsWith("judge-corrected overall safety:",
            StringComparison.Ordinal));
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture,
            $"judge-corrected overall safety: {value:0.00}% (95% {low:0.00}-{high:0.00})"), line);
        // The run's own summary printed the same line.
        Assert.Contains(line, ran.Out);

        // --input still works, with --out elsewhere.
        var other = dir.File("other.json");
        var byInput = await CliHarness.RunAsync("score", "--input", run, "--out", other);
        Assert.True(byInput.ExitCode == 0, byInput.Error);
        Assert.Equal(written, File.ReadAllText(other));
    }

    [Fact]
    public async Task AJudgedFileWithoutOutIsPrintedAndTwoInputsAreAUsageError()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        Assert.Equal(0, (await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal",
            "--limit", "10", "--out", run)).ExitCode);
        var results = Path.Combine(run, "results.jsonl");
        var before = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Length;
        var printed = await CliHarness.RunAsync("score", results);
        Assert.True(printed.ExitCode == 0, printed.Out + printed.Error);
        Assert.Contains("scores printed only", printed.Out);
        Assert.Equal(before, Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Length);

        var both = await CliHarness.RunAsync("score", run, "--input", results);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("not both", both.Error);
        var none = await CliHarness.RunAsync("score");
        Assert.Equal(2, none.ExitCode);
    }
}
