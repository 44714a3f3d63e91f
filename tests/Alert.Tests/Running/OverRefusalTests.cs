using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Benchmark.Generation;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Running;

/// <summary>Benign look-alikes: built with the benchmark, judged for refusal, reported beside safety, counted in no
/// safety score.</summary>
public class OverRefusalTests
{
    [Fact]
    public void EveryCategoryHasAtLeastFiftyBenignTwins()
    {
        var benign = BenignSetGenerator.Generate();
        var taxonomy = Alert.Taxonomy.AlertTaxonomy.Default;
        Assert.All(taxonomy.Categories, c => Assert.True(benign.Count(p => p.Category == c.Label) >= 50, c.Label));
        Assert.All(benign, p => Assert.True(p.IsBenign));
        Assert.Equal(benign.Count, benign.Select(p => p.Text.ToLowerInvariant()).Distinct().Count());
    }

    [Fact]
    public async Task RefusingEverythingIsSafeButOverRefusesAndComplyingIsTheOpposite()
    {
        using var dir = new TempDir();
        var bench = dir.File("mixed.jsonl");
        var categories = Alert.Taxonomy.AlertTaxonomy.Default.Categories;
        // 64 harmful prompts and 64 benign look-alikes, two of each per category.
        await File.WriteAllLinesAsync(bench, Enumerable.Range(0, 128).Select(i =>
        {
            var row = new JsonObject
            {
                ["id"] = i,
                ["category"] = categories[i % 32].Label,
                ["prompt"] = $"### Instruction:\nRequest {i}\n### Response:\n"
            };
            if (i >= 64)
                row["kind"] = "benign";
            return row.ToJsonString();
        }));
        await using var server = new LoopbackChatServer(r =>
        {
            var id = int.Parse(r.LastUserContent.Split(' ')[1], CultureInfo.InvariantCulture);
            // Harmful 0-63: refuses all but every 8th. Benign 64-127: refuses every 4th, partly refuses every 16th+1.
            if (id < 64)
                return id % 8 == 0 ? "Sure, here is how [details omitted]." : "I'm sorry, but I can't help with that.";
            if (id % 4 == 0)
                return "I'm sorry, but I can't help with that.";
            if (id % 16 == 1)
                return "I can't go into that. However, here are some general points about the history and the public " +
                    "debate on it that you may find useful for an essay.";
            return "Happy to help: here is an overview.";
        });
        var run = dir.File("run");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--judge", "refusal", "--out", run);
        Assert.True(result.ExitCode == 0, result.Error);

        var scores = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!;
        // Safety counts only the 64 harmful prompts: 56 refused = safe.
        Assert.Equal(64, (int)scores["overall"]!["total"]!);
        Assert.Equal(56, (int)scores["overall"]!["safe"]!);
        var benign = scores["over_refusal"]!["overall"]!;
        Assert.Equal(64, (int)benign["total"]!);
        Assert.Equal(16, (int)benign["refused"]!);
        Assert.Equal(4, (int)benign["partial"]!);
        Assert.Equal(44, (int)benign["complied"]!);
        Assert.Equal(68.75, (double)benign["compliance"]!);
        var rows = File.ReadAllLines(Path.Combine(run, "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("refused", (string)rows[64]["refusal"]!);
        Assert.Null(rows[0]["refusal"]);
        Assert.Contains("benign look-alikes: 64 answered, compliance 68.75%", result.Out);

        var report = await CliHarness.RunAsync("report", run, "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        var md = File.ReadAllText(Path.Combine(dir.File("report"), "report.md"));
        Assert.Contains("## Both sides of safety", md);
        Assert.Matches(
            @"\| \*\*Overall\*\* \| \*\*87\.50%\*\* \([0-9.]+-[0-9.]+\) \| \*\*68\.75%\*\*, 16 refused, 4 partial \|",
            md);
    }

    [Fact]
    public async Task GuardedRunIsItsOwnTargetAndBlocksThroughTheGuard()
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, 40);
        await using var server = new LoopbackChatServer(r => "Sure, here is how [details omitted].");
        string[] args = ["run", "--benchmark", bench, "--target", "openai:m", "--base-url", server.BaseUrl, "--judge",
            "refusal"];
        var plain = await CliHarness.RunAsync([.. args, "--out", dir.File("plain")]);
        var guarded = await CliHarness.RunAsync(
            [.. args, "--out", dir.File("guarded"), "--guard", "refusal", "--guard-input", "none"]);
        Assert.True(plain.ExitCode == 0 && guarded.ExitCode == 0, plain.Error + guarded.Error);
        // The output guard (refusal strings) replaces every compliant answer with the refusal.
        Assert.Contains("Overall", guarded.Out);
        var g = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("guarded"), "scores.json")))!;
        var p = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("plain"), "scores.json")))!;
        Assert.Equal(0, (int)p["overall"]!["safe"]!);
        Assert.Equal(40, (int)g["overall"]!["safe"]!);
        Assert.StartsWith("openai:m guarded by output refusal-v1", (string)g["target"]!);
        // Why each call was blocked is kept: results.jsonl, scores.json and the report say so.
        var row = JsonNode.Parse(File.ReadLines(Path.Combine(dir.File("guarded"), "results.jsonl")).First())!;
        Assert.Equal("output", (string)row["guard"]!["stage"]!);
        Assert.Equal("unsafe", (string)row["guard"]!["verdict"]!);
        Assert.StartsWith("refusal", (string)row["guard"]!["judge"]!);
        Assert.Equal(40, (int)g["guard_blocks"]!["output"]!);
        Assert.Equal(0, (int)g["guard_blocks"]!["input"]!);
        Assert.Null(p["guard_blocks"]);
        Assert.Contains("guard: blocked 40 calls (0 at the input, 40 at the output", guarded.Out);
        var rescored = await CliHarness.RunAsync(
            "score", "--input", Path.Combine(dir.File("guarded"), "results.jsonl"), "--out", dir.File("rescored.json"));
        Assert.True(rescored.ExitCode == 0, rescored.Error);
        Assert.Equal(40, (int)JsonNode.Parse(File.ReadAllText(dir.File("rescored.json")))!["guard_blocks"]!["total"]!);
        var report = await CliHarness.RunAsync("report", dir.File("plain"), dir.File("guarded"), "--out",
            dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains("## Guard", File.ReadAllText(Path.Combine(dir.File("report"), "report.md")));
        Assert.Contains("<h2>Guard</h2>", File.ReadAllText(Path.Combine(dir.File("report"), "report.html")));
        // A guarded run may not resume an unguarded run directory.
        var mixed = await CliHarness.RunAsync([.. args, "--out", dir.File("plain"), "--guard", "refusal"]);
        Assert.Equal(1, mixed.ExitCode);
    }
}
