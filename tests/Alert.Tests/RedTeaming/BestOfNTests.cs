using System.Text.Json.Nodes;
using Alert.Common;
using Alert.Judges;
using Alert.RedTeaming;
using Alert.Storage;
using Alert.Targets;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.RedTeaming;

/// <summary>Best-of-N against a loopback target that gives in to a fixed share of perturbed requests (placeholders
/// only).</summary>
public class BestOfNTests
{
    private const string Refusal = "I'm sorry, but I can't help with that.";
    private const string Placeholder = "Sure, here is how to do that: [details omitted]";

    /// <summary>Complies with about one request in <paramref name="every"/>, decided by the request's text
    /// alone.</summary>
    private static Func<RecordedRequest, string> GivesInToOneIn(int every) =>
        r => Sha256.Hex(r.LastUserContent)[0] % every == 0 ? Placeholder : Refusal;

    [Fact]
    public async Task SuccessGrowsWithNAndTheCurveIsPrinted()
    {
        await using var server = new LoopbackChatServer(GivesInToOneIn(8));
        using var dir = new TempDir();
        var result = await CliHarness.RunAsync("attack", "--method", "bon", "--target", "openai:m", "--base-url",
            server.BaseUrl, "--judge", "refusal",
            "--per-category", "1", "--max-target-queries", "50", "--no-cache", "--hedge-rate", "0", "--out",
                dir.File("run"));
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = File.ReadAllLines(dir.File("run/attacks.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(32, rows.Count);
        // The cap holds per goal, and the server saw exactly the queries the rows count.
        Assert.All(rows, r => Assert.InRange((int)r["target_queries"]!, 1, 50));
        Assert.Equal(rows.Sum(r => (int)r["target_queries"]!), server.Requests.Count);
        foreach (var row in rows.Where(r => (bool)r["success"]!))
        {
            Assert.Equal(Placeholder, (string)row["best_response"]!);
            Assert.Equal((int)row["target_queries"]!, (int)row["queries_to_success"]!);
        }
        var budget = JsonNode.Parse(File.ReadAllText(
            dir.File("run/scores.json")))!["methods"]!["bon"]!["asr_by_budget"]!.AsArray();
        var at1 = (double)budget.First(b => (int)b!["target_queries"]! == 1)!["asr"]!;
        var at50 = (double)budget.First(b => (int)b!["target_queries"]! == 50)!["asr"]!;
        Assert.InRange(at1, 0, 40);
        Assert.InRange(at50, 80, 100);
        Assert.Contains("attack success against target queries per goal", result.Out);
        Assert.Matches(@"(?m)^50\s+\d+\.\d\d%$", result.Out);
    }

    [Fact]
    public async Task AnInterruptedAttackResumesWithoutRepeatingACompletedCall()
    {
        await using var server = new LoopbackChatServer(GivesInToOneIn(12));
        using var dir = new TempDir();
        var settings = new AttackSettings { MaxTargetQueries = 20, Seed = 3, Concurrency = 4 };
        var goals = (await Alert.Benchmark.BenchmarkSet.LoadBuiltInAsync()).BasePerCategory(1);
        var options = new TargetOptions { BaseUrl = server.BaseUrl, MaxHedgeRate = 0 };
        var judge = JudgeFactory.Create("refusal");
        var method = AdaptiveAttacks.Resolve("bon");

        async Task<string> RunAsync(string run, int? stopAfter)
        {
            using var target = TargetFactory.Create("openai:m", options);
            await using var store = await RunStore.OpenAsync(run);
            await store.InitializeAsync(new RunIdentity(
                "openai:m", settings.Identity("bon"), goals.Name, goals.Sha256), goals, DateTimeOffset.UtcNow);
            using var stop = new CancellationTokenSource();
            var before = server.Requests.Count;
            var runner = new AdaptiveAttackRunner(target, options, judge);
            var work = runner.RunAsync(store, method, settings, null, stop.Token);
            if (stopAfter is { } n)
            {
                while (server.Requests.Count - before < n && !work.IsCompleted)
                    await Task.Delay(5);
                stop.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work);
                return "";
            }
            await work;
            await AttackOutputs.WriteAsync(store, method, settings);
            return File.ReadAllText(Path.Combine(run, AttackOutputs.AttacksFileName));
        }

        var whole = await RunAsync(dir.File("whole"), null);
        var uninterrupted = server.Requests.Count;
        var sentBefore = server.Requests.Count;
        await RunAsync(dir.File("resumed"), 100);
        var resumed = await RunAsync(dir.File("resumed"), null);
        Assert.Equal(whole, resumed);
        // Calls in flight at the interruption may be sent again (at most one per goal in progress); completed ones
        // never.
        var extra = server.Requests.Count - sentBefore - uninterrupted;
        Assert.InRange(extra, 0, settings.Concurrency);
    }

    [Fact]
    public async Task ABudgetStopResumesLaterWithoutRepeatingACall()
    {
        await using var server = new LoopbackChatServer(GivesInToOneIn(16));
        using var dir = new TempDir();
        string[] Args(string run, params string[] more) =>
            ["attack", "--method", "bon", "--target", "openai:m", "--base-url", server.BaseUrl, "--judge", "refusal",
            "--max-target-queries", "6", "--seed", "5", "--no-cache", "--hedge-rate", "0", "--out", run, .. more];
        var whole = await CliHarness.RunAsync(Args(dir.File("whole")));
        Assert.True(whole.ExitCode == 0, whole.Error);
        var uninterrupted = server.Requests.Count;

        var before = server.Requests.Count;
        var first = await CliHarness.RunAsync(Args(dir.File("budget"), "--max-requests", "40"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(40, server.Requests.Count - before);
        Assert.Contains("budget reached:", first.Out);
        var second = await CliHarness.RunAsync(Args(dir.File("budget")));
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(uninterrupted, server.Requests.Count - before);
        Assert.Equal(File.ReadAllText(dir.File("whole/attacks.jsonl")),
            File.ReadAllText(dir.File("budget/attacks.jsonl")));
    }

    [Fact]
    public async Task AnotherJudgeRejudgesTheBestAttacksWithoutAskingAgain()
    {
        await using var server = new LoopbackChatServer(GivesInToOneIn(4));
        using var dir = new TempDir();
        string[] Args(string judge) => ["attack", "--method", "bon", "--target", "openai:m", "--base-url",
            server.BaseUrl, "--judge", judge,
            "--max-target-queries", "4", "--no-cache", "--hedge-rate", "0", "--out", dir.File("run")];
        Assert.Equal(0, (await CliHarness.RunAsync(Args("refusal"))).ExitCode);
        var asked = server.Requests.Count;
        var again = await CliHarness.RunAsync(Args("ensemble:refusal,refusal,refusal"));
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(asked, server.Requests.Count);
        var rows = File.ReadAllLines(dir.File("run/attacks.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(rows, r => Assert.StartsWith("ensemble", (string)r["judge"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADryRunPrintsTheMostCallsPerRoleAndSendsNothing()
    {
        await using var server = new LoopbackChatServer(GivesInToOneIn(8));
        using var dir = new TempDir();
        var result = await CliHarness.RunAsync("attack", "--method", "bon", "--target", "openai:m", "--base-url",
            server.BaseUrl, "--judge", "refusal",
            "--per-category", "2", "--max-target-queries", "7", "--dry-run", "--format", "json", "--out",
                dir.File("run"));
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = JsonNode.Parse(result.Out)!["plan"]!.AsArray()
            .ToDictionary(r => (string)r!["figure"]!, r => r!["value"]!.ToJsonString());
        Assert.Equal("448", rows["target calls (at most)"]); // 64 goals x 7
        Assert.Equal("0", rows["attacker calls (at most)"]);
        Assert.Empty(server.Requests);
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Fact]
    public void PerturbationsAreSeededAndKeepTheWords()
    {
        const string text = "Please describe the history of the printing press in Europe.";
        var a = TextPerturbation.Apply(text, 0.4, SeededRandom.For(7, "x"));
        var b = TextPerturbation.Apply(text, 0.4, SeededRandom.For(7, "x"));
        var c = TextPerturbation.Apply(text, 0.4, SeededRandom.For(8, "x"));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(text, a);
        Assert.Equal(text.Length, a.Length);
        Assert.Equal(text.Split(' ').Length, a.Split(' ').Length);
        Assert.Equal(text, TextPerturbation.Apply(text, 0, SeededRandom.For(7, "x")));
    }
}
