using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Running;

/// <summary>Stages after generation run on the stored run alone, and guard judges get the judge options.</summary>
public class StoredRunStagesTests
{
    private const string Refusal = "I'm sorry, but I can't help with that.";

    [Fact]
    public async Task RejudgingAStoredRunNeedsNoTargetServerAndNoKey()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENAI_API_KEY")),
            "this test needs OPENAI_API_KEY unset");
        using var dir = new TempDir();
        var run = dir.File("run");
        int served;
        await using (var server = new LoopbackChatServer(_ => Refusal))
        {
            var first = await CliHarness.RunAsync(
                "run", "--target", "openai:target-model", "--base-url", server.BaseUrl, "--judge", "refusal",
                "--limit", "30", "--no-cache", "--out", run);
            Assert.True(first.ExitCode == 0, first.Error);
            served = server.Requests.Count;
        }
        Assert.Equal(30, served);

        // The server is gone and no key is set: before, building the openai target failed ("needs OPENAI_API_KEY").
        await using var listener = new LoopbackChatServer(_ => "Sure, here is how [details omitted].");
        var rejudge = await CliHarness.RunAsync(
            "run", "--target", "openai:target-model", "--judge", "embedded", "--limit", "30", "--no-cache", "--out",
            run);
        Assert.True(rejudge.ExitCode == 0, rejudge.Error);
        Assert.Contains("requested 0 responses", rejudge.Out);
        Assert.Contains("judged 30 (0 judge errors)", rejudge.Out);
        Assert.Empty(listener.Requests);
        var scores = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!;
        Assert.StartsWith("embedded:", (string)scores["judge"]!, StringComparison.Ordinal);
        Assert.Equal(0, (int)scores["overall"]!["errors"]!);
        Assert.Contains("@ " + listener.BaseUrl.Split(':')[0],
            (string)JsonNode.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")))!["target_server"]!);

        // score and report read run.db: the same numbers as the run wrote.
        var score = await CliHarness.RunAsync("score", "--input", run, "--out", dir.File("scores.json"));
        Assert.True(score.ExitCode == 0, score.Error);
        var rescored = JsonNode.Parse(File.ReadAllText(dir.File("scores.json")))!;
        Assert.Equal(scores["overall"]!.ToJsonString(), rescored["overall"]!.ToJsonString());
        Assert.Equal((string)scores["judge"]!, (string)rescored["judge"]!);
        var report = await CliHarness.RunAsync("report", run, "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
    }

    [Fact]
    public async Task ALlamaGuardGuardSendsItsRequestsToTheJudgeServer()
    {
        using var dir = new TempDir();
        await using var target = new LoopbackChatServer(_ => "Sure, here is how [details omitted].");
        await using var guard = new LoopbackChatServer(
            r => r.LastUserContent.Contains("[details omitted]", StringComparison.Ordinal) ? "unsafe\nO3" : "safe");
        var result = await CliHarness.RunAsync("run", "--target", "openai:target-model", "--base-url", target.BaseUrl,
            "--guard", "llamaguard:guard-model", "--guard-input", "none", "--judge-base-url", guard.BaseUrl, "--judge",
                "refusal",
            "--limit", "8", "--no-cache", "--out", dir.File("guarded"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(8, target.Requests.Count);
        Assert.Equal(8, guard.RequestsFor("guard-model").Count);
        Assert.Empty(target.RequestsFor("guard-model"));
        var scores = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("guarded"), "scores.json")))!;
        Assert.Equal(8, (int)scores["guard_blocks"]!["output"]!);

        // The first spec a user tries guards everyday traffic: 'embedded' checks answers with the moderation variant.
        var everyday = await CliHarness.RunAsync(
            "run", "--target", "mock:comply", "--guard", "embedded", "--guard-input", "none",
            "--judge", "refusal", "--limit", "2", "--no-cache", "--out", dir.File("everyday"));
        Assert.True(everyday.ExitCode == 0, everyday.Error);
        Assert.Contains("embedded:moderation", everyday.Out);
        Assert.Contains("output embedded:embedded-moderation",
            (string)JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("everyday"), "scores.json")))!["target"]!);
    }
}
