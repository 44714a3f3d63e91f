using Alert.Tests.Infrastructure;

namespace Alert.Tests.Running;

/// <summary>
/// A run written again (extended with a larger <c>--limit</c>) rewrites <c>report/report.md</c>: the files
/// <c>alert report RUNDIR</c> drew from the older results must not stay beside it, counting fewer prompts.
/// </summary>
public class StaleReportTests
{
    private static string[] Args(string run, int limit) =>
        ["run", "--target", "mock:refuse", "--judge", "refusal", "--limit", $"{limit}", "--out", run];

    [Fact]
    public async Task ExtendingARunRemovesTheReportFilesItDoesNotRewriteAndSaysSo()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        var first = await CliHarness.RunAsync(Args(run, 12));
        Assert.True(first.ExitCode == 0, first.Out + first.Error);
        var report = await CliHarness.RunAsync("report", run);
        Assert.True(report.ExitCode == 0, report.Out + report.Error);
        var folder = Path.Combine(run, "report");
        Assert.True(File.Exists(Path.Combine(folder, "report.html")));
        Assert.True(File.Exists(Path.Combine(folder, "scores.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "heatmap.png")));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "the user's own file");

        var more = await CliHarness.RunAsync(Args(run, 30));
        Assert.True(more.ExitCode == 0, more.Out + more.Error);
        var left = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["notes.txt", "report.md"], left);
        Assert.Contains("| 30 |", File.ReadAllText(Path.Combine(folder, "report.md")));
        Assert.Single(more.Out.Split('\n'), l => l.Contains("alert report " + run + " draws them again"));

        // Nothing stale to remove: no such line.
        var again = await CliHarness.RunAsync(Args(run, 30));
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.DoesNotContain("draws them again", again.Out);
    }
}
