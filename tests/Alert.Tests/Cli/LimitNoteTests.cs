using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary>A <c>--limit</c> above the benchmark's size is not an error, but it is said: one line naming the set's size
/// and that all of it is run (a limit within the size says nothing).</summary>
public class LimitNoteTests
{
    [Fact]
    public async Task ALimitAboveTheSizeSaysAllPromptsAreRun()
    {
        using var dir = new TempDir();
        var bench = await BenchmarkFiles.WriteAsync(dir, 7);
        var run = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:refuse", "--judge",
            "refusal", "--limit", "50", "--out", dir.File("run"));
        Assert.True(run.ExitCode == 0, run.Error);
        var note = Assert.Single(run.Out.Split('\n'), l => l.Contains("--limit", StringComparison.Ordinal));
        Assert.Equal("note: --limit 50 is above the benchmark's size: it has only 7 prompts, so all 7 are run", note);
        Assert.Contains("7 prompts from bench.jsonl", run.Out);

        var plan = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:refuse", "--limit", "8",
            "--dry-run", "--format", "tsv");
        Assert.True(plan.ExitCode == 0, plan.Error);
        Assert.Contains("note: --limit 8 is above the benchmark's size: it has only 7 prompts", plan.Error);
        Assert.DoesNotContain("note", plan.Out);

        foreach (var within in new[] { "7", "3" })
        {
            var quiet = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:refuse", "--limit",
                within, "--dry-run");
            Assert.True(quiet.ExitCode == 0, quiet.Error);
            Assert.DoesNotContain("above the benchmark's size", quiet.Out + quiet.Error);
        }
    }
}
