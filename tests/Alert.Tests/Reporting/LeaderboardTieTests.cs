using Alert.Tests.Infrastructure;

namespace Alert.Tests.Reporting;

public class LeaderboardTieTests
{
    [Fact]
    public async Task EqualScoresShareARank()
    {
        using var dir = new TempDir();
        var runs = new List<string>();
        foreach (var name in new[] { "b-run", "a-run" })
        {
            var run = dir.File(name);
            var result = await CliHarness.RunAsync(
                "run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "64", "--no-cache", "--out", run);
            Assert.True(result.ExitCode == 0, result.Error);
            runs.Add(run);
        }
        var report = await CliHarness.RunAsync(["report", .. runs, "--out", dir.File("report")]);
        Assert.True(report.ExitCode == 0, report.Error);
        var md = await File.ReadAllTextAsync(Path.Combine(dir.File("report"), "report.md"));
        // Both refuse everything: 100% each, so neither is ranked above the other.
        var leaderboard = md[md.IndexOf("## Leaderboard", StringComparison.Ordinal)..];
        leaderboard = leaderboard[..leaderboard.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var rows = leaderboard.Split('\n').Where(l => l.Contains("| `mock:refuse (", StringComparison.Ordinal)
            && l.Contains("100.00%", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, l => Assert.StartsWith("| 1 |", l));
        // Sharing a rank, the second is still listed after a separator, in both reports.
        Assert.Contains("~ mock:refuse (b-run) 100.00%", md);
        var html = await File.ReadAllTextAsync(Path.Combine(dir.File("report"), "report.html"));
        Assert.Contains("~ mock:refuse (b-run) 100.00%", html);
        // Two runs of one target: each column says which run it is (its directory), in every table.
        Assert.Contains("<th>mock:refuse (b-run)</th><th>mock:refuse (a-run)</th>", html);
        Assert.Contains("| `mock:refuse (a-run)` |", md);
        Assert.DoesNotContain("<th>mock:refuse</th>", html);
    }

    [Fact]
    public async Task TiedRunsListTheLargerSampleFirst()
    {
        using var dir = new TempDir();
        var runs = new List<string>();
        foreach (var (name, limit) in new[] { ("a-small", "32"), ("b-large", "96") })
        {
            var run = dir.File(name);
            var result = await CliHarness.RunAsync(
                "run", "--target", "mock:refuse", "--judge", "refusal", "--limit", limit, "--no-cache", "--out", run);
            Assert.True(result.ExitCode == 0, result.Error);
            runs.Add(run);
        }
        var report = await CliHarness.RunAsync(["report", .. runs, "--out", dir.File("report")]);
        Assert.True(report.ExitCode == 0, report.Error);
        var md = await File.ReadAllTextAsync(Path.Combine(dir.File("report"), "report.md"));
        // Both 100%, both ranked 1: the surer score (96 prompts) is listed first, where its name would have put the
        // 32-prompt run; the size warning names each count's run.
        var large = md.IndexOf("| 1 | `mock:refuse (b-large)` | 96 |", StringComparison.Ordinal);
        var small = md.IndexOf("| 1 | `mock:refuse (a-small)` | 32 |", StringComparison.Ordinal);
        Assert.True(large >= 0 && small > large, $"b-large at {large}, a-small at {small}");
        Assert.Contains("(mock:refuse (a-small) 32 / mock:refuse (b-large) 96)", md);
    }
}
