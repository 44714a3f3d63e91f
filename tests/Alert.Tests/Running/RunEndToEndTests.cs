using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Running;

/// <summary><c>alert run</c> against a real OpenAI-compatible server on loopback, for both target and judge.</summary>
public class RunEndToEndTests
{
    private static async Task<string> WriteBenchmarkAsync(
        TempDir dir, int count, Func<int, string> text, string? attack = null)
    {
        var path = dir.File("bench.jsonl");
        var categories = Alert.Taxonomy.AlertTaxonomy.Default.Categories;
        var lines = Enumerable.Range(0, count).Select(i => new JsonObject
        {
            ["id"] = i,
            ["category"] = categories[i % categories.Count].Label,
            ["prompt"] = Alert.Benchmark.InstructionFrame.Wrap(text(i)),
            ["attack_type"] = attack,
        }.ToJsonString());
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    private static List<JsonObject> ReadJsonl(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();

    [Fact]
    public async Task RunsTargetAndLlamaGuardJudgeOverHttp()
    {
        using var dir = new TempDir();
        // The target answers with a marker that tells the guard what to say about it.
        string[] judgeOutputs = ["safe", "unsafe\nO3", "", "no idea, sorry"];
        await using var server = new LoopbackChatServer(r =>
        {
            if (r.Model == "target-model")
                return "Answer-" + r.LastUserContent.Split('#')[1];
            var n = int.Parse(r.LastUserContent.Split("Agent: Answer-")[1].Split('\n')[0],
                CultureInfo.InvariantCulture);
            return judgeOutputs[n % 4];
        });
        var bench = await WriteBenchmarkAsync(dir, 8, i => $"Request #{i}# please");
        var run = dir.File("run");

        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:target-model",
            "--base-url", server.BaseUrl,
            "--judge", "llamaguard:guard-model", "--judge-base-url", server.BaseUrl, "--out", run, "--system-prompt",
                "Be careful.");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);

        var targetRequests = server.RequestsFor("target-model");
        Assert.Equal(8, targetRequests.Count);
        var first = targetRequests.Single(r => r.LastUserContent == "Request #0# please");
        Assert.Equal(["system", "user"], first.Messages.Select(m => (string)m!["role"]!));
        Assert.Equal("Be careful.", (string)first.Messages[0]!["content"]!);
        Assert.Equal(0, (double)first.Body["temperature"]!);
        Assert.Equal(512, (int)(first.Body["max_completion_tokens"] ?? first.Body["max_tokens"])!);
        Assert.Equal(8, server.RequestsFor("guard-model").Count);
        Assert.Contains("User: Request #0# please\n\nAgent: Answer-0", server.RequestsFor("guard-model")
            .Select(r => r.LastUserContent).First(c => c.Contains("#0#")));

        var rows = ReadJsonl(Path.Combine(run, "results.jsonl"));
        Assert.Equal(8, rows.Count);
        foreach (var row in rows)
        {
            var id = (int)row["id"]!;
            Assert.Equal($"Answer-{id}", (string)row["response"]!);
            var (verdict, lg) = (id % 4) switch
            {
                0 => ("safe", "safe"),
                1 => ("unsafe", "unsafe"),
                _ => ("error", null),
            };
            Assert.Equal(verdict, (string)row["verdict"]!);
            Assert.Equal(lg, (string?)row["llama_guard_output"]);
            Assert.StartsWith("llamaguard-v1:guard-model", (string)row["judge"]!);
            Assert.True(row.ContainsKey("judge_output"));
            Assert.Equal(judgeOutputs[id % 4], (string?)row["judge_output"] ?? "(missing)", StringComparer.Ordinal);
        }
        var scores = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!;
        Assert.Equal(2, (int)scores["overall"]!["safe"]!);
        Assert.Equal(2, (int)scores["overall"]!["unsafe"]!);
        Assert.Equal(4, (int)scores["overall"]!["errors"]!);
        Assert.Equal(50.0, (double)scores["overall"]!["score"]!);
    }

    [Fact]
    public async Task RawOptionSendsTheInstructionFrame()
    {
        using var dir = new TempDir();
        await using var server = new LoopbackChatServer(_ => "I'm sorry, I can't.");
        var bench = await WriteBenchmarkAsync(dir, 2, i => $"Q{i}");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--raw", "--out", dir.File("run"));
        Assert.Equal(0, result.ExitCode);
        Assert.All(server.Requests, r => Assert.StartsWith("### Instruction:\nQ", r.LastUserContent));
        Assert.All(server.Requests, r => Assert.Single(r.Messages));
    }

    [Fact]
    public async Task ResumingDoesNotAskAgainAndAnotherJudgeReusesResponses()
    {
        using var dir = new TempDir();
        await using var server = new LoopbackChatServer(
            r => r.Model == "guard" ? "unsafe\nO1" : "Sure, here is how: [details omitted].");
        var bench = await WriteBenchmarkAsync(dir, 10, i => $"P{i}");
        var run = dir.File("run");
        string[] args = ["run", "--benchmark", bench, "--target", "openai:m", "--base-url", server.BaseUrl, "--out",
            run];
        Assert.Equal(0, (await CliHarness.RunAsync(args)).ExitCode);
        Assert.Equal(0, (await CliHarness.RunAsync(args)).ExitCode);
        Assert.Equal(10, server.Requests.Count);

        // Re-judge the stored responses with Llama Guard: no new target requests.
        var rejudge = await CliHarness.RunAsync(
            [.. args, "--judge", "llamaguard:guard", "--judge-base-url", server.BaseUrl]);
        Assert.Equal(0, rejudge.ExitCode);
        Assert.Equal(10, server.RequestsFor("m").Count);
        Assert.Equal(10, server.RequestsFor("guard").Count);
        Assert.All(ReadJsonl(Path.Combine(run, "results.jsonl")), r => Assert.Equal("unsafe", (string)r["verdict"]!));
        // Both judges' verdicts are kept; scores and report compare them.
        var agreement = JsonNode.Parse(File.ReadAllText(
            Path.Combine(run, "scores.json")))!["judge_agreement"]!.AsArray().Single()!;
        Assert.Equal(10, (int)agreement["compared"]!);
        Assert.Contains("## Judge agreement", File.ReadAllText(Path.Combine(run, "report", "report.md")));
    }

    [Fact]
    public async Task ARunDirectoryRefusesAnotherTarget()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        Assert.Equal(0, (await CliHarness.RunAsync("run", "--target", "mock:refuse", "--out", run, "--limit", "5"))
            .ExitCode);
        var other = await CliHarness.RunAsync("run", "--target", "mock:comply", "--out", run, "--limit", "5");
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("belongs to another run", other.Error);
    }

    [Fact]
    public async Task TargetFailuresAreErrorsNotVerdicts()
    {
        using var dir = new TempDir();
        await using var server = new LoopbackChatServer(_ => "fine");
        var bench = await WriteBenchmarkAsync(dir, 3, i => $"P{i}");
        var run = dir.File("run");
        // Nothing listens on this port.
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            "http://127.0.0.1:9/v1",
            "--attempts", "1", "--out", run, "--judge", "refusal");
        Assert.Equal(0, result.ExitCode);
        var rows = ReadJsonl(Path.Combine(run, "results.jsonl"));
        Assert.All(rows, r =>
        {
            Assert.Equal("error", (string)r["verdict"]!);
            Assert.Null((string?)r["llama_guard_output"]);
            Assert.StartsWith("target: ", (string)r["error"]!);
        });
        var scores = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!;
        Assert.Equal(3, (int)scores["overall"]!["errors"]!);
        Assert.Null(scores["overall"]!["score"]);

        // Errors are not "done": --retry-errors asks again (here, a server that works).
        var retry = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--retry-errors", "--out", run, "--judge", "refusal");
        Assert.Equal(0, retry.ExitCode);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(ReadJsonl(Path.Combine(run, "results.jsonl")), r => Assert.Equal("unsafe", (string)r["verdict"]!));
    }
}
