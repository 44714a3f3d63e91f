using Alert.Tests.Infrastructure;

namespace Alert.Tests.Storage;

/// <summary>A stored verdict this version does not know is an error that names it, never silently an error
/// verdict.</summary>
public class UnknownVerdictTests
{
    private static string OneLine(CliResult result) =>
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task AnUnknownStoredVerdictIsAnErrorNamingIt()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        var made = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "5",
            "--out", run);
        Assert.True(made.ExitCode == 0, made.Error);
        var report = await CliHarness.RunAsync("report", run, "--out", dir.File("ok"));
        Assert.True(report.ExitCode == 0, report.Error);

        RunDatabase.Execute(
            run, "UPDATE verdicts SET verdict = 'maybe' WHERE rowid = (SELECT min(rowid) FROM verdicts)");
        var result = await CliHarness.RunAsync("report", run, "--out", dir.File("report"));
        Assert.Equal(1, result.ExitCode);
        var line = OneLine(result);
        Assert.Contains("run.db: unknown verdict 'maybe' in table verdicts (expected safe, unsafe or error)", line);
        Assert.DoesNotContain("Exception", line);
    }

    [Fact]
    public async Task AnUnknownStoredAttackVerdictIsAnErrorNamingIt()
    {
        await using var server = new LoopbackChatServer(_ => "I'm sorry, but I can't help with that.");
        using var dir = new TempDir();
        var run = dir.File("attack");
        var made = await CliHarness.RunAsync("attack", "--method", "bon", "--target", "openai:m", "--base-url",
            server.BaseUrl, "--judge", "refusal",
            "--per-category", "1", "--max-target-queries", "2", "--no-cache", "--hedge-rate", "0", "--out", run);
        Assert.True(made.ExitCode == 0, made.Error);

        RunDatabase.Execute(run, "UPDATE attack_results SET verdict = 'maybe'");
        var result = await CliHarness.RunAsync("report", run, "--out", dir.File("report"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run.db: unknown verdict 'maybe' in table attack_results", OneLine(result));
    }
}
