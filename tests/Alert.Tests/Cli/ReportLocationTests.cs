using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary>
/// A run has one report location, <c>RUNDIR/report/</c>: <c>alert run</c> writes its report.md there and
/// <c>alert report RUNDIR</c> writes the whole report there, never a second report.md beside it.
/// </summary>
public class ReportLocationTests
{
    [Fact]
    public async Task ARunAndItsReportShareOneReportFolder()
    {
        using var dir = new TempDir();
        var bench = await BenchmarkFiles.WriteAsync(dir, 5);
        var run = dir.File("run");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:refuse", "--judge",
            "refusal", "--out", run);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Equal([Path.Combine(run, "report", "report.md")], ReportFiles(run));

        var report = await CliHarness.RunAsync("report", run);
        Assert.True(report.ExitCode == 0, report.Out + report.Error);
        Assert.Contains($"to {Path.Combine(run, "report")} ", report.Out);
        Assert.Equal([Path.Combine(run, "report", "report.md")], ReportFiles(run));
        Assert.True(File.Exists(Path.Combine(run, "report", "report.html")));
        Assert.False(File.Exists(Path.Combine(run, "report.md")));
    }

    [Fact]
    public async Task ARunWrittenAgainDropsTheReportAnEarlierVersionLeftBesideTheFolder()
    {
        using var dir = new TempDir();
        var bench = await BenchmarkFiles.WriteAsync(dir, 5);
        var run = dir.File("run");
        string[] args = ["run", "--benchmark", bench, "--target", "mock:refuse", "--judge", "refusal", "--out", run];
        Assert.Equal(0, (await CliHarness.RunAsync(args)).ExitCode);
        var earlier = Path.Combine(run, "report.md");
        await File.WriteAllTextAsync(earlier, "# ALERT safety report\n\n## Overview\n");
        Assert.Equal(0, (await CliHarness.RunAsync(args)).ExitCode); // resumed: nothing to ask, outputs rewritten
        Assert.False(File.Exists(earlier));

        // A file of that name that is not a report of this tool is the user's: it stays.
        await File.WriteAllTextAsync(earlier, "my notes on this run\n");
        Assert.Equal(0, (await CliHarness.RunAsync(args)).ExitCode);
        Assert.Equal("my notes on this run\n", await File.ReadAllTextAsync(earlier));
    }

    private static string[] ReportFiles(string run) =>
        Directory.GetFiles(run, "report.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
}
