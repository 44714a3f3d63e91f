using Alert.Tests.Infrastructure;

namespace Alert.Tests.RedTeaming;

/// <summary><c>alert report</c> takes attack runs beside benchmark runs.</summary>
public class AttackReportTests
{
    [Fact]
    public async Task TheReportShowsAttackSuccessAndEscapedTranscriptsBesideABenchmarkRun()
    {
        await using var server = new LoopbackChatServer(r => r.LastUserContent.Length % 3 == 0
            ? "<b>Sure</b>, here is how: [details omitted]" : "I'm sorry, but I can't help with that.");
        using var dir = new TempDir();
        var attack = await CliHarness.RunAsync("attack", "--method", "bon", "--target", "openai:m", "--base-url",
            server.BaseUrl, "--judge", "refusal",
            "--max-target-queries", "8", "--no-cache", "--hedge-rate", "0", "--out", dir.File("attack"));
        Assert.True(attack.ExitCode == 0, attack.Error);
        var run = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "64",
            "--out", dir.File("bench"));
        Assert.True(run.ExitCode == 0, run.Error);

        var report = await CliHarness.RunAsync("report", dir.File("bench"), dir.File("attack"), "--out",
            dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        var html = File.ReadAllText(dir.File("report/report.html"));
        Assert.Contains("<h2>Adaptive attacks</h2>", html);
        Assert.Contains("<h2>Leaderboard</h2>", html); // the benchmark run is still there
        Assert.Contains("&lt;b&gt;Sure&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>Sure</b>", html);
        // Success against the configured budget: 1, 2, 5 and 8 queries.
        Assert.Matches(@"1: \d+\.\d\d%, 2: \d+\.\d\d%, 5: \d+\.\d\d%, 8: \d+\.\d\d%", html);
    }
}
