using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;
using Alert.Tests.Languages;

namespace Alert.Tests.Running;

/// <summary>
/// Two benchmark files whose ids overlap (<c>--benchmark a.jsonl --benchmark b.jsonl</c>): the store keys each prompt
/// FILE#ID, and every row of results.jsonl says its file (<c>benchmark_file</c>), so scoring the exported file and
/// importing labels by a row's id never mix the two files' prompts.
/// </summary>
public class SeveralFilesResultsTests
{
    [Fact]
    public async Task RowsOfTwoFilesWithTheSameIdsStayApart()
    {
        using var dir = new TempDir();
        // The same id in English and French in both files; the target refuses file a's prompts and complies with b's,
        // so each file's prompt is consistent across its two languages and the two files disagree.
        var a = await WriteAsync(dir, "a.jsonl", "alpha");
        var b = await WriteAsync(dir, "b.jsonl", "beta");
        await using var server = new LoopbackChatServer(request =>
            request.LastUserContent.Contains("alpha", StringComparison.Ordinal)
                ? MalertFixture.Refuses : MalertFixture.Complies);
        var run = dir.File("run");
        var ran = await CliHarness.RunAsync("run", "--benchmark", a, "--benchmark", b, "--target", "openai:m",
            "--base-url", server.BaseUrl, "--judge", "refusal", "--out", run);
        Assert.True(ran.ExitCode == 0, ran.Error);

        var results = Path.Combine(run, "results.jsonl");
        var rows = File.ReadAllLines(results).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.All(rows, r => Assert.Equal(7, (int)r["id"]!));
        Assert.Equal(["a", "a", "b", "b"], rows.Select(r => (string)r["benchmark_file"]!));
        Assert.Equal(["safe", "safe", "unsafe", "unsafe"], rows.Select(r => (string)r["verdict"]!));

        // The run's consistency (from its store) is 2 of 2 prompts alike in both languages; the exported file gives
        // the same, not one prompt judged both ways.
        var scores = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!;
        Assert.Equal(2, (int)scores["consistency"]!["overall"]!["consistent"]!);
        Assert.Equal(2, (int)scores["consistency"]!["overall"]!["compared"]!);
        var fromFile = dir.File("from-file.json");
        var score = await CliHarness.RunAsync("score", results, "--out", fromFile);
        Assert.True(score.ExitCode == 0, score.Error);
        var rescored = JsonNode.Parse(File.ReadAllText(fromFile))!;
        Assert.Equal(scores["consistency"]!.ToJsonString(), rescored["consistency"]!.ToJsonString());
        Assert.Equal(scores["languages"]!.ToJsonString(), rescored["languages"]!.ToJsonString());

        // A label written from a results.jsonl row goes to that row's file, not to "several files have id 7".
        var labels = dir.File("labels.jsonl");
        var row = rows[2].DeepClone().AsObject();
        row["label"] = "unsafe";
        await File.WriteAllLinesAsync(labels, [row.ToJsonString()]);
        var imported = await CliHarness.RunAsync("labels", "import", run, labels, "--labeller", "ana");
        Assert.True(imported.ExitCode == 0, imported.Error);
        var exported = await CliHarness.RunAsync("labels", "export", run);
        Assert.True(exported.ExitCode == 0, exported.Error);
        Assert.Equal("b#7", (string)JsonNode.Parse(exported.Out.Split('\n')[0])!["id"]!);
    }

    [Fact]
    public async Task ShardsOfTwoFilesMergeIntoTheUnshardedRunWithTheirFilesApart()
    {
        using var dir = new TempDir();
        // Two files with ids 0-19 each: the shards split them by FILE#ID; the merge keeps the two files' rows apart.
        var a = await BenchmarkFiles.WriteAsync(dir, 20, "a.jsonl");
        var b = await BenchmarkFiles.WriteAsync(dir, 20, "b.jsonl");
        string[] common = ["run", "--benchmark", a, "--benchmark", b, "--target", "mock:echo", "--judge", "refusal",
            "--no-cache"];
        Assert.Equal(0, (await CliHarness.RunAsync([.. common, "--out", dir.File("whole")])).ExitCode);
        foreach (var shard in new[] { "1", "2" })
        {
            var part = await CliHarness.RunAsync([.. common, "--shard", shard + "/2", "--out", dir.File(shard)]);
            Assert.True(part.ExitCode == 0, part.Error);
        }
        var merged = await CliHarness.RunAsync("merge", dir.File("1"), dir.File("2"), "--out", dir.File("merged"));
        Assert.True(merged.ExitCode == 0, merged.Error);

        var whole = File.ReadAllText(Path.Combine(dir.File("whole"), "results.jsonl"));
        Assert.Equal(whole, File.ReadAllText(Path.Combine(dir.File("merged"), "results.jsonl")));
        var rows = whole.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(40, rows.Select(r => $"{r["benchmark_file"]}#{r["id"]}").Distinct().Count());
        Assert.Equal(20, rows.Count(r => (string)r["benchmark_file"]! == "b"));
    }

    [Fact]
    public async Task ARunOfOneFileKeepsItsRowsAsTheFileHasThem()
    {
        using var dir = new TempDir();
        var a = await WriteAsync(dir, "a.jsonl", "alpha");
        var run = dir.File("run");
        Assert.Equal(0, (await CliHarness.RunAsync("run", "--benchmark", a, "--target", "mock:refuse", "--judge",
            "refusal", "--out", run)).ExitCode);
        Assert.All(File.ReadAllLines(Path.Combine(run, "results.jsonl")),
            l => Assert.DoesNotContain("benchmark_file", l, StringComparison.Ordinal));
    }

    private static async Task<string> WriteAsync(TempDir dir, string name, string word)
    {
        var path = dir.File(name);
        await File.WriteAllLinesAsync(path, new[] { "en", "fr" }.Select(lang => new JsonObject
        {
            ["id"] = 7,
            ["category"] = "crime_tax",
            ["lang"] = lang,
            ["prompt"] = Alert.Benchmark.InstructionFrame.Wrap($"[{lang}] Request {word} [details omitted]"),
        }.ToJsonString()));
        return path;
    }
}
