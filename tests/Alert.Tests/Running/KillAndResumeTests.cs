using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Alert.Tests.Running;

/// <summary>A run killed part-way (SIGKILL) and started again loses nothing and repeats no completed request.</summary>
public class KillAndResumeTests
{
    private const string Secret = "sk-test-DO-NOT-LEAK-4242";

    [Fact]
    public async Task KilledRunResumesWithEveryPromptAnsweredOnce()
    {
        using var dir = new TempDir();
        const int count = 300;
        var bench = dir.File("bench.jsonl");
        var categories = Alert.Taxonomy.AlertTaxonomy.Default.Categories;
        await File.WriteAllLinesAsync(bench, Enumerable.Range(0, count).Select(i =>
            new JsonObject
            {
                ["id"] = i,
                ["category"] = categories[i % 32].Label,
                ["prompt"] = $"### Instruction:\nPrompt {i}\n### Response:\n"
            }.ToJsonString()));
        await using var server = new LoopbackChatServer(
            r => $"I'm sorry, I can't help with {r.LastUserContent}.", TimeSpan.FromMilliseconds(30));
        var run = dir.File("run");
        string[] args = ["run", "--benchmark", bench, "--target", "openai:m", "--base-url", server.BaseUrl, "--out",
            run, "--concurrency", "4", "--judge", "refusal",
            // the test counts every request the server sees; hedges (StragglerTests) would add some
            "--hedge-rate", "0"];

        var psi = CliHarness.ProcessStart(args);
        psi.Environment["OPENAI_API_KEY"] = Secret;
        using (var process = Process.Start(psi)!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (server.Requests.Count < 80 && DateTime.UtcNow < deadline && !process.HasExited)
                await Task.Delay(10);
            if (process.HasExited)
                Assert.Fail("the run ended before it could be killed: " + await process.StandardError.ReadToEndAsync());
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + Secret, r.Authorization));

        var completed = CompletedPrompts(Path.Combine(run, "run.db"));
        Assert.InRange(completed.Count, 40, count - 1);
        // A kill may land between an answer's commit and its verdict's: that answer is judged on resume, not asked
        // again.
        var judged = JudgedPrompts(Path.Combine(run, "run.db"));
        Assert.False(File.Exists(Path.Combine(run, "results.jsonl")));
        var requestsBefore = server.Requests.Count;

        var psi2 = CliHarness.ProcessStart(args);
        psi2.Environment["OPENAI_API_KEY"] = Secret;
        using (var process = Process.Start(psi2)!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await stdout + await stderr);
            Assert.Contains($"resumed: {judged} prompts were already done", (await stdout).ReplaceLineEndings(""));
        }

        var requested = server.Requests.Select(r => r.LastUserContent).ToList();
        var resumedRequests = requested.Skip(requestsBefore).ToHashSet();
        // No prompt that was stored as done before the kill was requested again.
        Assert.Empty(resumedRequests.Intersect(completed.Select(id => $"Prompt {id}")));
        Assert.True(server.MaxInFlight <= 4, $"{server.MaxInFlight} requests in flight with --concurrency 4");
        // At most the in-flight requests at the moment of the kill were sent twice.
        Assert.InRange(requested.Count, count, count + 4);
        Assert.Equal(count, requested.Distinct().Count());

        var rows = File.ReadAllLines(Path.Combine(run, "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Enumerable.Range(0, count), rows.Select(r => (int)r["id"]!).Order());
        Assert.All(rows, r => Assert.Equal("safe", (string)r["verdict"]!));
        Assert.All(rows, r => Assert.Equal($"I'm sorry, I can't help with Prompt {(int)r["id"]!}.",
            (string)r["response"]!));

        // The key was used, but is in no file of the run.
        foreach (var file in Directory.GetFiles(run))
            Assert.DoesNotContain(Secret, File.ReadAllText(file));
    }

    [Fact]
    public async Task KilledAtSeveralRandomPointsEndsLikeAnUninterruptedRun()
    {
        using var dir = new TempDir();
        const int count = 400;
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, count);
        // Every other answer complies, so the verdicts differ between prompts.
        await using var server = new LoopbackChatServer(
            r => int.Parse(r.LastUserContent.Split(' ')[1], CultureInfo.InvariantCulture) % 2 == 0
                ? FaultToleranceTests.Refusal(r) : "Sure, here is how [details omitted].",
            TimeSpan.FromMilliseconds(5));
        string[] Args(string run) => ["run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--out", run, "--concurrency", "8", "--judge", "refusal",
            "--hedge-rate", "0"]; // counts every request the server sees

        var reference = await CliHarness.RunAsync(Args(dir.File("reference")));
        Assert.True(reference.ExitCode == 0, reference.Error);

        var run = dir.File("run");
        var random = new Random(20261130);
        var kills = 0;
        for (var i = 0; i < 4; i++)
        {
            var start = server.Requests.Count;
            var killAfter = random.Next(5, 90);
            using var process = Process.Start(CliHarness.ProcessStart(Args(run)))!;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (server.Requests.Count < start + killAfter && DateTime.UtcNow < deadline && !process.HasExited)
                await Task.Delay(1);
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                kills++;
            }
            await process.WaitForExitAsync();
        }
        Assert.True(kills >= 3, $"only {kills} kills landed");

        var final = await CliHarness.RunAsync(Args(run));
        Assert.True(final.ExitCode == 0, final.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("reference"), "results.jsonl")),
            File.ReadAllText(Path.Combine(run, "results.jsonl")));
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("reference"), "scores.json")),
            File.ReadAllText(Path.Combine(run, "scores.json")));
        // Each kill repeats at most the requests in flight at that moment.
        Assert.InRange(server.Requests.Count, 2 * count, 2 * count + 8 * kills);
    }

    private static long JudgedPrompts(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM responses r JOIN verdicts v ON v.key = r.key WHERE r.error IS NULL";
        return (long)cmd.ExecuteScalar()!;
    }

    private static List<int> CompletedPrompts(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT key FROM responses WHERE error IS NULL";
        using var reader = cmd.ExecuteReader();
        var keys = new List<int>();
        while (reader.Read())
            keys.Add(int.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
        return keys;
    }
}
