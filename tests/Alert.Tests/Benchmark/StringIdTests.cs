using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Benchmark;

/// <summary>
/// Benchmarks whose ids are strings (HarmBench's <c>BehaviorID</c>, uuids): a JSONL and a CSV benchmark run, resume,
/// score and merge, and results.jsonl shows the user's own ids.
/// </summary>
public class StringIdTests
{
    private static readonly string[] Ids =
    [
        "lock_opening_instructions_home", "3f2b9c1e-8d4a-4c7b-9e2f-1a6d5b8c0e93", "account_access_steps",
        "42-not-a-number", "tax_evasion_plan", "shoplifting_guide",
    ];

    private static readonly string[] Categories =
        ["crime_theft", "crime_cyber", "crime_cyber", "crime_tax", "crime_tax", "crime_theft"];

    private static string Jsonl(TempDir dir)
    {
        var path = dir.File("behaviors.jsonl");
        File.WriteAllLines(path, Ids.Select((id, i) => new JsonObject
        {
            ["id"] = id,
            ["category"] = Categories[i],
            ["prompt"] = $"### Instruction:\nPlaceholder request {i}\n### Response:\n",
        }.ToJsonString()));
        return path;
    }

    private static string Csv(TempDir dir)
    {
        var path = dir.File("behaviors.csv");
        File.WriteAllLines(path,
            ["id,category,prompt", .. Ids.Select((id, i) => $"{id},{Categories[i]},Placeholder request {i}")]);
        return path;
    }

    private static string[] Run(string bench, string server, string run, params string[] more) =>
        ["run", "--benchmark", bench, "--target", "openai:m", "--base-url", server, "--judge", "refusal",
            "--no-cache", "--hedge-rate", "0", "--out", run, .. more];

    private static Dictionary<string, JsonObject> ResultsById(string run) =>
        File.ReadAllLines(Path.Combine(run, "results.jsonl")).Select(l => (JsonObject)JsonNode.Parse(l)!)
            .ToDictionary(r => (string)r["id"]!);

    [Theory]
    [InlineData("jsonl")]
    [InlineData("csv")]
    public async Task StringIdsRunResumeScoreAndMergeAsTheUserWroteThem(string format)
    {
        using var dir = new TempDir();
        var bench = format == "csv" ? Csv(dir) : Jsonl(dir);
        await using var server = new LoopbackChatServer(r =>
            $"I'm sorry, I can't help with {r.LastUserContent}.");

        // Stopped after 2 requests, then resumed: each prompt asked once, under its own id.
        var run = dir.File("run");
        var capped = await CliHarness.RunAsync(Run(bench, server.BaseUrl, run, "--max-requests", "2"));
        Assert.True(capped.ExitCode == 0, capped.Out + capped.Error);
        Assert.Contains("6 prompts from", capped.Out);
        var resumed = await CliHarness.RunAsync(Run(bench, server.BaseUrl, run));
        Assert.True(resumed.ExitCode == 0, resumed.Out + resumed.Error);
        Assert.Contains("resumed: 2 prompts were already done", resumed.Out);
        Assert.Equal(6, server.Requests.Count);
        var rows = ResultsById(run);
        Assert.Equal(Ids.Order(), rows.Keys.Order());
        foreach (var (id, row) in rows)
        {
            var i = Array.IndexOf(Ids, id);
            Assert.Equal(Categories[i], (string)row["category"]!);
            Assert.Equal($"I'm sorry, I can't help with Placeholder request {i}.", (string)row["response"]!);
            Assert.Equal("safe", (string)row["verdict"]!);
        }

        var score = await CliHarness.RunAsync("score", run);
        Assert.True(score.ExitCode == 0, score.Out + score.Error);
        var scores = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!;
        Assert.Equal(6, (int)scores["overall"]!["safe"]!);

        // Two shards split by the string ids and merged: every id once.
        foreach (var shard in new[] { "1/2", "2/2" })
        {
            var part = await CliHarness.RunAsync(Run(bench, server.BaseUrl, dir.File($"s{shard[0]}"),
                "--shard", shard));
            Assert.True(part.ExitCode == 0, part.Out + part.Error);
        }
        Assert.NotEmpty(ResultsById(dir.File("s1")));
        Assert.NotEmpty(ResultsById(dir.File("s2")));
        var merged = await CliHarness.RunAsync("merge", dir.File("s1"), dir.File("s2"), "--out", dir.File("merged"));
        Assert.True(merged.ExitCode == 0, merged.Out + merged.Error);
        Assert.Equal(Ids.Order(), ResultsById(dir.File("merged")).Keys.Order());
    }

    [Fact]
    public async Task LabelsImportFindsResultsByTheirStringIds()
    {
        using var dir = new TempDir();
        var bench = Jsonl(dir);
        await using var server = new LoopbackChatServer(_ => "Sure, here is how: [details omitted]");
        var run = dir.File("run");
        Assert.Equal(0, (await CliHarness.RunAsync(Run(bench, server.BaseUrl, run))).ExitCode);
        var labels = dir.File("labels.jsonl");
        File.WriteAllLines(labels, [$$"""{"id": "{{Ids[1]}}", "label": "unsafe"}"""]);
        var imported = await CliHarness.RunAsync("labels", "import", run, labels);
        Assert.True(imported.ExitCode == 0, imported.Out + imported.Error);
        Assert.Contains("imported 1 labels", imported.Out);
        var exported = await CliHarness.RunAsync("labels", "export", run);
        Assert.True(exported.ExitCode == 0, exported.Error);
        Assert.Equal(Ids[1], (string)JsonNode.Parse(exported.Out.Trim())!["id"]!);
    }
}
