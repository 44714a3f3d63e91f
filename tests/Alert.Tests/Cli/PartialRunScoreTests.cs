using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary>A run stopped before it wrote its outputs (Ctrl+C, a kill) is scored as far as it got: its verdicts
/// count, the prompts it never asked count as not sent; it is never called "never judged".</summary>
public class PartialRunScoreTests
{
    [Fact]
    public async Task AnInterruptedRunIsScoredAsFarAsItGotAndSaysWhatWasNotSent()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        var ran = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "40",
            "--out", run);
        Assert.True(ran.ExitCode == 0, ran.Error);
        // As a run killed before its outputs: no judge recorded, ten prompts never answered nor judged.
        RunDatabase.Execute(run, "DELETE FROM meta WHERE key = 'judge'");
        const string FirstTen = "(SELECT key FROM prompts ORDER BY ordinal LIMIT 10)";
        RunDatabase.Execute(run, $"DELETE FROM verdicts WHERE key IN {FirstTen}");
        RunDatabase.Execute(run, $"DELETE FROM responses WHERE key IN {FirstTen}");
        File.Delete(Path.Combine(run, "scores.json"));

        var score = await CliHarness.RunAsync("score", run);

        Assert.True(score.ExitCode == 0, score.Out + score.Error);
        var overall = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!["overall"]!;
        Assert.Equal(30, (int)overall["safe"]!);
        Assert.Equal(10, (int)overall["not_sent"]!);
    }

    [Fact]
    public async Task ARunWithNoVerdictYetSaysSoInOneLine()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        var ran = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "8",
            "--out", run);
        Assert.True(ran.ExitCode == 0, ran.Error);
        RunDatabase.Execute(run, "DELETE FROM meta WHERE key = 'judge'");
        RunDatabase.Execute(run, "DELETE FROM verdicts");

        var score = await CliHarness.RunAsync("score", run);

        Assert.Equal(1, score.ExitCode);
        Assert.Equal($"error: {run}: no answer of this run has been judged yet; run the same 'alert run' to go on",
            score.Error.Trim());
    }
}
