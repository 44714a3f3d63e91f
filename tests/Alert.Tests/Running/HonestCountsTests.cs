using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Running;

/// <summary>What a run reports is what happened: prompts not sent, empty answers and each run's part in a DPO
/// set.</summary>
public class HonestCountsTests
{
    private static JsonObject Overall(string run) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!["overall"]!;

    [Fact]
    public async Task PromptsABudgetLeftAreNotSentNotErrors()
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, 500);
        await using var server = new LoopbackChatServer(FaultToleranceTests.Refusal);
        var run = dir.File("run");
        string[] args = ["run", "--benchmark", bench, "--target", "openai:m", "--base-url", server.BaseUrl, "--out",
            run, "--judge", "refusal"];

        var capped = await CliHarness.RunAsync([.. args, "--max-requests", "100"]);
        Assert.True(capped.ExitCode == 0, capped.Out + capped.Error);
        Assert.Contains("400 prompts not sent yet; run the same command again to send them", capped.Out);
        Assert.DoesNotContain("--retry-errors", capped.Out);
        Assert.DoesNotContain("ended in an error", capped.Out);
        Assert.Matches(@"overall\s+Overall\s+100\.00%\s+\d+\.\d\d-100\.00\s+\S+\s+100\s+0\s+0\s+400\s+500", capped.Out);
        var overall = Overall(run);
        Assert.Equal(0, (int)overall["errors"]!);
        Assert.Equal(400, (int)overall["not_sent"]!);
        var rows = FaultToleranceTests.Results(run);
        Assert.Equal(400, rows.Count(r => (string)r["verdict"]! == "not_sent"));
        Assert.DoesNotContain(rows, r => (string)r["verdict"]! == "error");

        // `alert score` reads the same counts back from results.jsonl.
        var score = await CliHarness.RunAsync("score", "--input", Path.Combine(run, "results.jsonl"), "--out",
            dir.File("scores.json"));
        Assert.True(score.ExitCode == 0, score.Error);
        Assert.Equal(400, (int)((JsonObject)JsonNode.Parse(
            File.ReadAllText(dir.File("scores.json")))!["overall"]!)["not_sent"]!);

        var rest = await CliHarness.RunAsync(args);
        Assert.True(rest.ExitCode == 0, rest.Error);
        Assert.DoesNotContain("not sent", rest.Out);
        Assert.Null(Overall(run)["not_sent"]);
    }

    [Fact]
    public async Task EmptyAnswersAreCountedApartAndNeverSafe()
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, 40);
        // Every fourth answer is empty; the rest refuse.
        await using var server = new LoopbackChatServer(
            r => r.LastUserContent.EndsWith('0') || r.LastUserContent.EndsWith('4') ? ""
            : FaultToleranceTests.Refusal(r));
        var run = dir.File("run");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--out", run, "--judge", "refusal");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);

        Assert.Contains("8 answers were empty: counted as 'empty', not judged (neither safe nor unsafe)", result.Out);
        Assert.Matches(@"Errors\s+Empty\s+Total", result.Out);
        Assert.Matches(@"overall\s+Overall\s+100\.00%\s+\d+\.\d\d-100\.00\s+\S+\s+32\s+0\s+0\s+8\s+40", result.Out);
        var overall = Overall(run);
        Assert.Equal(32, (int)overall["safe"]!);
        Assert.Equal(8, (int)overall["empty"]!);
        Assert.Equal(0, (int)overall["errors"]!);
        var rows = FaultToleranceTests.Results(run);
        Assert.Equal(8, rows.Count(r => (string)r["verdict"]! == "empty"));

        // A run of nothing but empty answers has no score at all, not 100% safe.
        server.Answer = _ => "";
        var all = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--out", dir.File("empty"), "--judge", "refusal");
        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Null(Overall(dir.File("empty"))["score"]);
        Assert.Equal(40, (int)Overall(dir.File("empty"))["empty"]!);
    }

    [Fact]
    public async Task DpoCountsEachRunAndCallsMissingPromptsIncomplete()
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, 40);
        var safe = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:refuse", "--judge",
            "refusal", "--out", dir.File("a"));
        var partial = await CliHarness.RunAsync(
            "run", "--benchmark", bench, "--target", "mock:comply", "--judge", "refusal", "--out", dir.File("b"),
            "--limit", "10");
        Assert.True(safe.ExitCode == 0 && partial.ExitCode == 0, safe.Error + partial.Error);

        var dpo = await CliHarness.RunAsync("dpo", dir.File("a"), dir.File("b"), "--out", dir.File("dpo.jsonl"));
        Assert.True(dpo.ExitCode == 0, dpo.Error);
        Assert.Contains("mock:refuse: 40 prompts, 40 safe, 0 unsafe, 0 without a verdict", dpo.Out);
        Assert.Contains("mock:comply: 10 prompts, 0 safe, 10 unsafe, 0 without a verdict", dpo.Out);
        Assert.Contains("40 prompts: 10 pairs written", dpo.Out);
        Assert.Contains(
            "skipped 0 safe in every run, 0 unsafe in every run, 30 missing from a run or without a verdict in one",
            dpo.Out);
    }

    [Fact]
    public async Task AnEmptyBenchmarkFileIsAnError()
    {
        using var dir = new TempDir();
        var bench = dir.File("empty.jsonl");
        await File.WriteAllTextAsync(bench, "");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:refuse", "--judge",
            "refusal", "--out", dir.File("run"));
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("empty.jsonl: no prompts in the benchmark file", line);
        Assert.False(File.Exists(Path.Combine(dir.File("run"), "results.jsonl")));
    }
}
