using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary><c>alert score</c> and <c>alert report</c> only read a run: its directory keeps exactly the files it had
/// (no <c>run.db-wal</c> or <c>run.db-shm</c> left beside <c>run.db</c>), plus what they write.</summary>
public class ReadOnlyRunTests
{
    [Fact]
    public async Task ScoreAndReportLeaveNoFilesBesideTheRun()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        var ran = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "12",
            "--out", run);
        Assert.True(ran.ExitCode == 0, ran.Error);
        var before = Files(run);
        Assert.Contains("run.db", before);
        Assert.DoesNotContain("run.db-wal", before);

        var score = await CliHarness.RunAsync("score", run, "--out", dir.File("scores.json"));
        Assert.True(score.ExitCode == 0, score.Error);
        Assert.Equal(before, Files(run));

        // Its own scores.json, rewritten in place, is the one output inside the run.
        var inPlace = await CliHarness.RunAsync("score", run);
        Assert.True(inPlace.ExitCode == 0, inPlace.Error);
        Assert.Equal(before, Files(run));

        var report = await CliHarness.RunAsync("report", run, "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Equal(before, Files(run));
        Assert.True(File.Exists(Path.Combine(dir.File("report"), "report.html")));
    }

    private static List<string> Files(string directory) =>
        [.. Directory.GetFileSystemEntries(directory).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];
}
