using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Running;

/// <summary>The run engine against a real loopback server that fails in every way HTTP servers fail.</summary>
public class FaultToleranceTests
{
    internal static async Task<string> WriteBenchmarkAsync(TempDir dir, int count, string name = "bench.jsonl")
    {
        var path = dir.File(name);
        var categories = Alert.Taxonomy.AlertTaxonomy.Default.Categories;
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, count).Select(i =>
            new JsonObject
            {
                ["id"] = i,
                ["category"] = categories[i % 32].Label,
                ["prompt"] = $"### Instruction:\nPrompt {i}\n### Response:\n"
            }.ToJsonString()));
        return path;
    }

    internal static string Refusal(RecordedRequest r) => $"I'm sorry, I can't help with {r.LastUserContent}.";

    internal static List<JsonObject> Results(string run) =>
        File.ReadAllLines(Path.Combine(run, "results.jsonl")).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();

    [Fact]
    public async Task EveryPromptIsAnsweredOrAnErrorWhenAFifthOfRequestsFail()
    {
        using var dir = new TempDir();
        const int count = 2000;
        var bench = await WriteBenchmarkAsync(dir, count);
        await using var server = new LoopbackChatServer(
            Refusal)
        { Fault = LoopbackChatServer.RandomFaults(0.2, seed: 7) };
        var run = dir.File("run");

        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--out", run,
            "--judge", "refusal", "--concurrency", "32", "--timeout", "1", "--attempts", "4", "--retry-delay", "0.01",
                "--hedge-rate", "0");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);

        // Every kind of fault happened, and no request went beyond the bound on attempts (no hedges: on a loaded
        // machine
        // a straggler's hedge is one more attempt, which StragglerTests measure).
        Assert.All(LoopbackChatServer.TransientFaults, f =>
            Assert.True(server.Faults.GetValueOrDefault(f) > 0, f + " never happened"));
        Assert.InRange(server.Requests.Count, count, count * 4);
        Assert.True(server.MaxInFlight <= 32, $"{server.MaxInFlight} requests in flight with --concurrency 32");

        var rows = Results(run);
        Assert.Equal(Enumerable.Range(0, count), rows.Select(r => (int)r["id"]!).Order());
        var errors = rows.Where(r => (string)r["verdict"]! == "error").ToList();
        foreach (var row in rows.Except(errors))
            Assert.Equal($"I'm sorry, I can't help with Prompt {(int)row["id"]!}.", (string)row["response"]!);
        // Never more than the 4 attempts allowed (the full message on failure: xunit cuts a Contains failure short).
        Assert.All(errors, r => Assert.True(System.Text.RegularExpressions.Regex.IsMatch(
            (string)r["error"]!, "failed after [1-4] attempts?\\b"), (string)r["error"]!));
        Assert.True(errors.Count < 20, $"{errors.Count} errors");

        // The failures that remain are asked again, and only they.
        server.Fault = null;
        var before = server.Requests.Count;
        var retry = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--out", run,
            "--judge", "refusal", "--retry-errors");
        Assert.True(retry.ExitCode == 0, retry.Out + retry.Error);
        Assert.Equal(errors.Count, server.Requests.Count - before);
        Assert.All(Results(run), r => Assert.Equal("safe", (string)r["verdict"]!));
    }

    [Fact]
    public async Task OneOfTwoEndpointsGoingDownLosesNothing()
    {
        using var dir = new TempDir();
        const int count = 400;
        var bench = await WriteBenchmarkAsync(dir, count);
        await using var a = new LoopbackChatServer(Refusal, TimeSpan.FromMilliseconds(10));
        var b = new LoopbackChatServer(Refusal, TimeSpan.FromMilliseconds(10));
        var run = dir.File("run");
        var stopper = Task.Run(async () =>
        {
            while (b.Requests.Count < 60)
                await Task.Delay(5);
            await b.DisposeAsync();
        });

        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            a.BaseUrl, "--base-url", b.BaseUrl,
            "--out", run, "--judge", "refusal", "--concurrency", "8", "--retry-delay", "0.01");
        await stopper;
        Assert.True(result.ExitCode == 0, result.Out + result.Error);

        Assert.True(a.Answered.Count > 100 && b.Answered.Count >= 50,
            $"answered: a {a.Answered.Count}, b {b.Answered.Count}");
        var rows = Results(run);
        Assert.Equal(count, rows.Count);
        Assert.All(rows, r => Assert.Equal("safe", (string)r["verdict"]!));
    }

    [Fact]
    public async Task ShardsMergeIntoTheUnshardedRun()
    {
        using var dir = new TempDir();
        var bench = await WriteBenchmarkAsync(dir, 300);
        string[] common = ["run", "--benchmark", bench, "--target", "mock:echo", "--judge", "refusal"];

        Assert.Equal(0, (await CliHarness.RunAsync([.. common, "--out", dir.File("whole")])).ExitCode);
        var s1 = await CliHarness.RunAsync([.. common, "--out", dir.File("s1"), "--shard", "1/2"]);
        var s2 = await CliHarness.RunAsync([.. common, "--out", dir.File("s2"), "--shard", "2/2"]);
        Assert.True(s1.ExitCode == 0 && s2.ExitCode == 0, s1.Error + s2.Error);
        var n1 = Results(dir.File("s1")).Count;
        Assert.InRange(n1, 100, 200);
        Assert.Equal(300, n1 + Results(dir.File("s2")).Count);

        // Only all shards of one split merge; a failed merge writes nothing.
        var partial = await CliHarness.RunAsync("merge", dir.File("s1"), "--out", dir.File("bad"));
        Assert.Equal(1, partial.ExitCode);
        Assert.Contains("1/2", partial.Error);
        Assert.False(Directory.Exists(dir.File("bad")));

        var merged = await CliHarness.RunAsync("merge", dir.File("s2"), dir.File("s1"), "--out", dir.File("merged"));
        Assert.True(merged.ExitCode == 0, merged.Out + merged.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("whole"), "results.jsonl")),
            File.ReadAllText(Path.Combine(dir.File("merged"), "results.jsonl")));
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("whole"), "scores.json")),
            File.ReadAllText(Path.Combine(dir.File("merged"), "scores.json")));

        // The merged run is a run like any other: resuming it asks nothing.
        var resumed = await CliHarness.RunAsync([.. common, "--out", dir.File("merged")]);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("resumed: 300 prompts were already done", resumed.Out);
    }

    [Fact]
    public async Task CacheAnswersARepeatedRunWithoutTheServer()
    {
        using var dir = new TempDir();
        var bench = await WriteBenchmarkAsync(dir, 40);
        await using var server = new LoopbackChatServer(Refusal);
        var cache = dir.File("cache");
        // Counts every request the server sees: no hedges (StragglerTests measure them).
        string[] args = ["run", "--benchmark", bench, "--target", "openai:m", "--base-url", server.BaseUrl, "--judge",
            "refusal", "--cache", cache, "--hedge-rate", "0"];

        Assert.Equal(0, (await CliHarness.RunAsync([.. args, "--out", dir.File("r1")])).ExitCode);
        Assert.Equal(40, server.Requests.Count);
        var second = await CliHarness.RunAsync([.. args, "--out", dir.File("r2")]);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(40, server.Requests.Count);
        Assert.Contains("(40 from the cache", second.Out);
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("r1"), "results.jsonl")),
            File.ReadAllText(Path.Combine(dir.File("r2"), "results.jsonl")));

        // An option that changes answers is a different request; timeouts and concurrency are not.
        Assert.Equal(0, (await CliHarness.RunAsync(
            [.. args, "--out", dir.File("r3"), "--timeout", "30", "--concurrency", "3"])).ExitCode);
        Assert.Equal(40, server.Requests.Count);
        Assert.Equal(0, (await CliHarness.RunAsync([.. args, "--out", dir.File("r4"), "--max-tokens", "64"])).ExitCode);
        Assert.Equal(80, server.Requests.Count);

        var stats = await CliHarness.RunAsync("cache", "stats", "--cache", cache);
        Assert.Contains("80 answers", stats.Out);
        Assert.Contains("openai:m @ " + server.BaseUrl, stats.Out);
        var clear = await CliHarness.RunAsync("cache", "clear", "--cache", cache);
        Assert.Contains("removed 80", clear.Out);
        Assert.Contains("0 answers", (await CliHarness.RunAsync("cache", "stats", "--cache", cache)).Out);
    }

    [Fact]
    public async Task DryRunPlansWithoutSending()
    {
        using var dir = new TempDir();
        var bench = await WriteBenchmarkAsync(dir, 100);
        await using var server = new LoopbackChatServer(Refusal);
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--out", dir.File("run"),
            "--judge", "cascade:embedded,llamaguard:guard", "--dry-run", "--price-in", "2", "--price-out", "10",
                "--max-tokens", "100");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Empty(server.Requests);
        Assert.False(Directory.Exists(dir.File("run")));
        Assert.Matches(@"target requests\s+100", result.Out);
        Assert.Matches(@"judge model requests\s+100", result.Out);
        Assert.Matches(@"output tokens \(max\)\s+10000", result.Out);
        // Inputs are about 9 tokens each ("Prompt NN" plus overhead): 100 * (9 * 2 + 10000 / 100 * 10) / 1e6.
        Assert.Matches(@"cost \(at most\)\s+0\.10", result.Out);
    }

    [Fact]
    public async Task BudgetsStopCleanlyAndResume()
    {
        using var dir = new TempDir();
        var bench = await WriteBenchmarkAsync(dir, 120);
        await using var server = new LoopbackChatServer(Refusal);
        var run = dir.File("run");
        string[] args = ["run", "--benchmark", bench, "--target", "openai:m", "--base-url", server.BaseUrl, "--out",
            run, "--judge", "refusal", "--concurrency", "4"];

        var capped = await CliHarness.RunAsync([.. args, "--max-requests", "50"]);
        Assert.True(capped.ExitCode == 0, capped.Error);
        Assert.Equal(50, server.Requests.Count);
        Assert.Contains("budget reached: 70 prompts left", capped.Out);

        // The server reports 15 tokens per request: 0.015 at 1000 per million; a cap of 0.9 is 60 requests in all.
        var costly = await CliHarness.RunAsync([.. args, "--max-cost", "0.9", "--price-in", "1000", "--price-out",
            "1000"]);
        Assert.True(costly.ExitCode == 0, costly.Error);
        Assert.InRange(server.Requests.Count, 60, 64);

        var rest = await CliHarness.RunAsync(args);
        Assert.True(rest.ExitCode == 0, rest.Error);
        Assert.Equal(120, server.Requests.Count);
        Assert.Equal(120, server.Answered.Count);
        Assert.Contains("target usage: 120 requests, 1200 input and 600 output tokens", rest.Out);
    }
}

/// <summary><c>alert run --batch</c> against a loopback server implementing the OpenAI Batch API.</summary>
public class BatchRunTests
{
    [Fact]
    public async Task BatchRunAnswersEveryPromptWithoutChatRequestsAndResumesPolling()
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, 50);
        await using var server = new LoopbackChatServer(
            FaultToleranceTests.Refusal)
        { BatchPollsUntilDone = 1_000_000 };
        var run = dir.File("run");
        string[] args = ["run", "--benchmark", bench, "--target", "openai:m", "--base-url", server.BaseUrl, "--out",
            run, "--judge", "refusal", "--batch", "--batch-poll", "0.05"];

        // First invocation: submits one batch, then is interrupted while the batch is still in progress.
        using (var cts = new CancellationTokenSource())
        {
            var first = CliHarnessWithCancel(args, cts.Token);
            while (server.Batches.IsEmpty || server.Batches.Values.First().Polls < 2)
                await Task.Delay(10);
            cts.Cancel();
            Assert.Equal(130, await first);
        }
        Assert.Single(server.Batches);

        // Second invocation: resumes polling the same batch, submits nothing new.
        server.BatchPollsUntilDone = 4;
        var second = await CliHarness.RunAsync(args);
        Assert.True(second.ExitCode == 0, second.Out + second.Error);
        Assert.Single(server.Batches);
        Assert.Contains("0 requests submitted, 1 earlier batches resumed, 50 answers", second.Out);
        Assert.Empty(server.Requests);
        var rows = FaultToleranceTests.Results(run);
        Assert.Equal(50, rows.Count);
        Assert.All(rows, r => Assert.Equal($"I'm sorry, I can't help with Prompt {(int)r["id"]!}.",
            (string)r["response"]!));
        Assert.Contains("target usage: 50 requests, 500 input and 250 output tokens", second.Out);
    }

    private static async Task<int> CliHarnessWithCancel(string[] args, CancellationToken token)
    {
        var sink = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(sink),
            Ansi = Spectre.Console.AnsiSupport.No,
            Interactive = Spectre.Console.InteractionSupport.No,
        });
        return await Alert.Cli.AlertCli.RunAsync(args, console, console, TimeProvider.System, token);
    }
}
