using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

public class CliCommandTests
{
    [Theory]
    [InlineData("mock:refuse", 100.0, "safe")]
    [InlineData("mock:comply", 0.0, "highly_unsafe")]
    public async Task MainCommandRunsOfflineEndToEnd(string target, double score, string band)
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        var result = await CliHarness.RunAsync("run", "--target", target, "--out", run, "--judge", "refusal");
        Assert.True(result.ExitCode == 0, result.Error);

        var rows = File.ReadAllLines(Path.Combine(run, "results.jsonl"));
        Assert.True(rows.Length >= 160);
        var scores = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!;
        Assert.Equal(1, (int)scores["format_version"]!);
        Assert.Equal(target, (string)scores["target"]!);
        Assert.Equal(32, scores["categories"]!.AsObject().Count);
        Assert.Equal(6, scores["macro_categories"]!.AsObject().Count);
        Assert.Equal(score, (double)scores["overall"]!["score"]!);
        Assert.Equal(band, (string)scores["overall"]!["band"]!);
        Assert.Equal(rows.Length, (int)scores["overall"]!["total"]!);
        Assert.NotNull(scores["attack_types"]!["none"]);
        var report = File.ReadAllText(Path.Combine(run, "report", "report.md"));
        Assert.Contains("# ALERT safety report", report);
        Assert.Contains("`crime_kidnapp`", report);
        Assert.Contains("Overall", result.Out);

        // The run's manifest: what was run, how the benchmark was built, when, with what.
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")))!;
        Assert.Equal(target, (string)manifest["target"]!);
        Assert.Equal(64, ((string)manifest["benchmark_sha256"]!).Length);
        Assert.Equal(2024, (int)manifest["benchmark_provenance"]!["seed"]!);
        Assert.Contains("adversarial_suffix", manifest["benchmark_provenance"]!["attacks"]!.AsArray()
            .Select(a => (string)a!));
        Assert.StartsWith("refusal-v1", (string)manifest["judge"]!);
        Assert.NotNull(manifest["tool_version"]);
        Assert.True(DateTimeOffset.Parse((string)manifest["run_finished_at"]!,
            CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(
            (string)manifest["run_started_at"]!, CultureInfo.InvariantCulture));
        Assert.Equal(rows.Length, (int)manifest["usage"]!["requests"]!);
    }

    [Fact]
    public async Task DefaultJudgeIsTheEmbeddedOneAndReadsHarmNotCompliance()
    {
        using var dir = new TempDir();
        // A server that answers with real harmful text (public data beside the repository, never written here).
        var harmful = Judges.EmbeddedJudgeTests.HarmfulAnswers();
        await using var server = new LoopbackChatServer(
            r => harmful[Math.Abs(r.LastUserContent.GetHashCode(StringComparison.Ordinal)) % harmful.Count].Response);
        var scores = new Dictionary<string, double>();
        foreach (var target in new[] { "mock:refuse", "mock:comply", "mock:echo", "openai:harmful" })
        {
            var run = dir.File(target.Replace(':', '-'));
            var result = await CliHarness.RunAsync(
                ["run", "--target", target, "--out", run, "--limit", "96",
                .. target.StartsWith("openai", StringComparison.Ordinal) ? ["--base-url", server.BaseUrl]
                : Array.Empty<string>()]);
            Assert.True(result.ExitCode == 0, result.Error);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!;
            Assert.StartsWith("embedded:embedded-v4", (string)json["judge"]!);
            scores[target] = (double)json["overall"]!["score"]!;
        }
        // A refusal, a placeholder with nothing in it and an echo of the request hold no harm; the harmful answers do.
        Assert.True(scores["mock:refuse"] >= 95, $"refusals scored {scores["mock:refuse"]}");
        Assert.True(scores["mock:comply"] >= 95, $"empty compliance scored {scores["mock:comply"]}");
        Assert.True(scores["mock:echo"] >= 95, $"echoes scored {scores["mock:echo"]}");
        Assert.True(scores["openai:harmful"] <= 30, $"harmful answers scored {scores["openai:harmful"]}");
    }

    [Fact]
    public async Task TaxonomyPrintsAllLabels()
    {
        var result = await CliHarness.RunAsync("taxonomy");
        Assert.Equal(0, result.ExitCode);
        foreach (var c in Alert.Taxonomy.AlertTaxonomy.Default.Categories)
            Assert.Contains(c.Label, result.Out);
        var json = await CliHarness.RunAsync("taxonomy", "--json");
        var doc = JsonNode.Parse(json.Out)!;
        Assert.Equal(32, doc["macro_categories"]!.AsArray().Sum(m => m!["categories"]!.AsArray().Count));
    }

    [Fact]
    public async Task BadBenchmarkFileFailsWithFileLineAndNonZeroExit()
    {
        using var dir = new TempDir();
        var bench = dir.File("bad.jsonl");
        await File.WriteAllTextAsync(bench, "{\"id\":0,\"category\":\"crime_theft\",\"prompt\":\"ok\"}\n" +
            "{\"id\":1,\"category\":\"crime_nothing\",\"prompt\":\"x\"}\n");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:refuse", "--out",
            dir.File("run"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{bench}:2: field 'category': unknown category 'crime_nothing'",
            result.Error.ReplaceLineEndings(""));
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Theory]
    [InlineData("run", "--out", "x")]
    [InlineData("run", "--target", "mock:refuse")]
    [InlineData("run", "--target", "mock:refuse", "--out", "x", "--concurrency", "0")]
    [InlineData("run", "--target", "mock:refuse", "--out", "x", "--no-such-option")]
    [InlineData("nonsense")]
    public async Task UsageErrorsExitNonZero(params string[] args)
    {
        var result = await CliHarness.RunAsync(args);
        Assert.NotEqual(0, result.ExitCode);
        Assert.False(Directory.Exists("x"));
    }

    [Fact]
    public async Task UnknownTargetsAndMissingModelFilesAreCleanErrors()
    {
        using var dir = new TempDir();
        var missing = await CliHarness.RunAsync(
            "run", "--target", "gguf:" + dir.File("none.gguf"), "--out", dir.File("a"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("GGUF model file not found", missing.Error);

        var bad = dir.File("bad.gguf");
        await File.WriteAllTextAsync(bad, "this is not a model");
        var badResult = await CliHarness.RunAsync("run", "--target", "gguf:" + bad, "--out", dir.File("b"));
        Assert.Equal(1, badResult.ExitCode);
        Assert.Contains("not a GGUF model file", badResult.Error.ReplaceLineEndings(""));

        // Right magic bytes, broken header: llama.cpp rejects it and the tool says so.
        var truncated = dir.File("truncated.gguf");
        await File.WriteAllBytesAsync(truncated, [.. "GGUF"u8, 3, 0, 0, 0, .. "garbagegarbagegarbage"u8]);
        var truncatedResult = await CliHarness.RunAsync("run", "--target", "gguf:" + truncated, "--out", dir.File("t"));
        Assert.Equal(1, truncatedResult.ExitCode);
        Assert.Contains("cannot load GGUF model", truncatedResult.Error.ReplaceLineEndings(""));
        Assert.False(Directory.Exists(dir.File("t")));

        var mock = await CliHarness.RunAsync("run", "--target", "mock:maybe", "--out", dir.File("c"));
        Assert.Equal(1, mock.ExitCode);
        Assert.Contains("unknown mock target", mock.Error);
    }

    [Fact]
    public async Task JudgeCommandAddsVerdictsAndRejectsRowsWithoutResponse()
    {
        using var dir = new TempDir();
        var input = dir.File("pairs.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            "{\"prompt\":\"### Instruction:\\nQ1\\n### Response:\\n\",\"response\":\"I'm sorry, I can't " +
                "help.\",\"category\":\"crime_theft\"}",
            "{\"prompt\":\"Q2\",\"response\":\"Sure, here is how: [details omitted]\"}",
        ]);
        var output = dir.File("judged.jsonl");
        var result = await CliHarness.RunAsync("judge", "--input", input, "--judge", "refusal", "--out", output);
        Assert.Equal(0, result.ExitCode);
        var rows = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["safe", "unsafe"], rows.Select(r => (string)r["verdict"]!));
        Assert.All(rows, r => Assert.StartsWith("refusal-v1", (string)r["judge"]!));
        Assert.Equal("crime_theft", (string)rows[0]["category"]!);
        Assert.NotNull(rows[1]["judge_output"]);

        var bad = dir.File("bad.jsonl");
        await File.WriteAllLinesAsync(bad, ["{\"prompt\":\"Q\",\"response\":\"A\"}", "{\"prompt\":\"Q\"}"]);
        var badOut = dir.File("bad-out.jsonl");
        var failed = await CliHarness.RunAsync("judge", "--input", bad, "--judge", "refusal", "--out", badOut);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains($"{bad}:2: field 'response': missing", failed.Error.ReplaceLineEndings(""));
        Assert.False(File.Exists(badOut));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ScoreReadsRunDirectoriesAndOriginalJudgedFiles()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        Assert.Equal(0, (await CliHarness.RunAsync("run", "--target", "mock:refuse", "--out", run, "--limit", "64"))
            .ExitCode);
        var rescored = dir.File("rescored.json");
        Assert.Equal(0, (await CliHarness.RunAsync("score", "--input", run, "--out", rescored)).ExitCode);
        Assert.Equal(
            File.ReadAllText(Path.Combine(run, "scores.json")),
            File.ReadAllText(rescored));

        // The original evaluator's judged file: only llama_guard_output.
        var judged = dir.File("alert_judged.jsonl");
        await File.WriteAllLinesAsync(judged,
        [
            "{\"id\":0,\"category\":\"substance_cannabis\",\"prompt\":\"p\",\"response\":\"r\"," +
                "\"llama_guard_output\":\"safe\"}",
            "{\"id\":1,\"category\":\"substance_cannabis\",\"prompt\":\"p\",\"response\":\"r\"," +
                "\"llama_guard_output\":\"unsafe\"}",
            "{\"id\":2,\"category\":\"crime_kidnap\",\"prompt\":\"p\",\"response\":\"r\"," +
                "\"llama_guard_output\":\"safe\",\"attack_type\":\"jailbreaking\"}",
        ]);
        var scoresPath = dir.File("s.json");
        Assert.Equal(0, (await CliHarness.RunAsync("score", "--input", judged, "--out", scoresPath)).ExitCode);
        var scores = JsonNode.Parse(File.ReadAllText(scoresPath))!;
        Assert.Equal(50.0, (double)scores["categories"]!["substance_cannabis"]!["score"]!);
        Assert.Equal(1, (int)scores["categories"]!["crime_kidnapp"]!["safe"]!);
        Assert.Equal(100.0, (double)scores["attack_types"]!["jailbreaking"]!["score"]!);

        var missing = await CliHarness.RunAsync("score", "--input", dir.File("nope.jsonl"), "--out", scoresPath);
        Assert.Equal(1, missing.ExitCode);
    }
}
