using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Languages;

/// <summary>Language as a field: per-language scores and cross-language consistency against hand counts.</summary>
public class MultilingualScoresTests
{
    [Fact]
    public async Task PerLanguageScoresAndConsistencyMatchTheHandCounts()
    {
        using var dir = new TempDir();
        var bench = await MalertFixture.WriteAsync(dir);
        await using var server = new LoopbackChatServer(MalertFixture.Answer);
        var run = dir.File("run");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m",
            "--base-url", server.BaseUrl, "--judge", "refusal", "--out", run);
        Assert.True(result.ExitCode == 0, result.Error);
        // One line says which prompts are not English and how the English refusal judge reads them.
        var note = "note: 36 of 46 prompts are not in English (de 9, es 9, fr 9, it 9); the in-process judges and "
            + "the refusal lexicon are English (refusal-v1";
        Assert.Single(AllLines(result), l => l.StartsWith(note, StringComparison.Ordinal));
        Assert.Contains("--judge-translate SPEC", result.Out + result.Error);
        // The same id in five languages is five prompts asked and five results.
        Assert.Equal(46, server.Answered.Values.Sum());
        var rows = File.ReadAllLines(Path.Combine(run, "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(46, rows.Count);
        Assert.Equal(5, rows.Count(r => (int)r["id"]! == 3));
        var translations = rows.Where(r => (int)r["id"]! == 3).Skip(1).Select(r => (string)r["lang"]!);
        Assert.Equal(["fr", "de", "es", "it"], translations);

        var scores = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!;
        var languages = scores["languages"]!.AsObject();
        Assert.Equal(["en", "de", "es", "fr", "it"], languages.Select(l => l.Key));
        // Unsafe by hand: en 7, 8 (of 10: id 9 is English only); fr 7; de 1, 7, 8; es 7, 8 (6 empty); it 0, 3, 7, 8.
        AssertCell(languages["en"]!["overall"]!, safe: 8, @unsafe: 2, total: 10, score: 80.0);
        AssertCell(languages["fr"]!["overall"]!, safe: 8, @unsafe: 1, total: 9, score: 88.8889);
        AssertCell(languages["de"]!["overall"]!, safe: 6, @unsafe: 3, total: 9, score: 66.6667);
        AssertCell(languages["es"]!["overall"]!, safe: 6, @unsafe: 2, total: 9, score: 75.0);
        AssertCell(languages["it"]!["overall"]!, safe: 5, @unsafe: 4, total: 9, score: 55.5556);
        // Micro: Italian crime_tax is 0 and 3 unsafe, 6 safe; English crime_tax is 0, 3, 6, 9 safe.
        AssertCell(languages["it"]!["categories"]!["crime_tax"]!, safe: 1, @unsafe: 2, total: 3, score: 33.3333);
        AssertCell(languages["en"]!["categories"]!["crime_tax"]!, safe: 4, @unsafe: 0, total: 4, score: 100.0);
        // Macro: German hate is hate_body only (1 and 7 unsafe, 4 safe).
        AssertCell(languages["de"]!["macro_categories"]!["hate"]!, safe: 1, @unsafe: 2, total: 3, score: 33.3333);
        Assert.Null(languages["de"]!["categories"]!["crime_theft"]);

        // Alike in every language: 2, 4, 5, 6 (four languages judged, es empty) and 7; not 0, 1, 3, 8. Id 9 has one.
        var consistency = scores["consistency"]!;
        AssertConsistency(consistency["overall"]!, consistent: 5, compared: 9, share: 55.5556);
        AssertConsistency(consistency["categories"]!["crime_tax"]!, consistent: 1, compared: 3, share: 33.3333);
        AssertConsistency(consistency["categories"]!["hate_body"]!, consistent: 2, compared: 3, share: 66.6667);
        AssertConsistency(consistency["categories"]!["weapon_firearm"]!, consistent: 2, compared: 3, share: 66.6667);
        // The pooled score still counts every prompt once: 46 rows, 12 unsafe, one empty answer.
        AssertCell(scores["overall"]!, safe: 33, @unsafe: 12, total: 46, score: 73.3333);

        var rescored = dir.File("rescored.json");
        var score = await CliHarness.RunAsync("score", "--input", run, "--out", rescored);
        Assert.True(score.ExitCode == 0, score.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(run, "scores.json")), File.ReadAllText(rescored));
        Assert.Contains("Cross-language consistency (en, de, es, fr, it)", score.Out);
        Assert.Matches(@"language\s+it\s+55\.56%", score.Out);
        Assert.Matches(@"crime_tax\s+33\.33%\s+1\s+3", score.Out);

        // Scoring the exported results.jsonl gives the same language sections.
        var fromFile = dir.File("from-file.json");
        var results = Path.Combine(run, "results.jsonl");
        Assert.Equal(0, (await CliHarness.RunAsync("score", "--input", results, "--out", fromFile)).ExitCode);
        var file = JsonNode.Parse(File.ReadAllText(fromFile))!;
        Assert.Equal(scores["languages"]!.ToJsonString(), file["languages"]!.ToJsonString());
        Assert.Equal(consistency.ToJsonString(), file["consistency"]!.ToJsonString());
    }

    [Fact]
    public async Task TheReportShowsTheLanguageHeatmapAndTheConsistencyTableOnlyForSeveralLanguages()
    {
        using var dir = new TempDir();
        var bench = await MalertFixture.WriteAsync(dir);
        await using var server = new LoopbackChatServer(MalertFixture.Answer);
        var run = dir.File("run");
        Assert.Equal(0, (await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m",
            "--base-url", server.BaseUrl, "--judge", "refusal", "--out", run)).ExitCode);
        var report = dir.File("report");
        var result = await CliHarness.RunAsync("report", run, "--out", report);
        Assert.True(result.ExitCode == 0, result.Error);
        var md = File.ReadAllText(Path.Combine(report, "report.md"));
        Assert.Contains("## Languages\n", md);
        Assert.Contains("### openai:m\n", md);
        // Score cells carry their interval and counts (the Spanish empty answer): compare the rows without them.
        Assert.Contains("| 100.00% (34.24-100.00), 1 empty |", md);
        var rows = Regex.Replace(md, @" \([0-9.]+-[0-9.]+\)(, \d+ empty)?", "");
        Assert.Contains("| `crime_tax` | 100.00% | 100.00% | 100.00% | 100.00% | 33.33% |", rows);
        Assert.Contains("| **Overall** | **80.00%** | **66.67%** | **75.00%** | **88.89%** | **55.56%** |", rows);
        Assert.Contains("| **Overall** | **55.56%** | **5** | **9** |", rows);
        Assert.Contains("| `hate_body` | 66.67% | 2 | 3 |", rows);
        var html = File.ReadAllText(Path.Combine(report, "report.html"));
        Assert.Contains("<h3>openai:m</h3>", html);
        Assert.Contains("data:image/png;base64,", html);
        var png = new FileInfo(Path.Combine(report, "languages.png"));
        Assert.True(png.Exists && png.Length > 2000, "languages.png");
        Assert.True(File.Exists(Path.Combine(report, "languages.svg")));

        // An English-only run has neither.
        var english = dir.File("english.jsonl");
        await File.WriteAllLinesAsync(english, File.ReadAllLines(bench).Where(l => !l.Contains("\"lang\"")));
        var single = dir.File("single");
        Assert.Equal(0, (await CliHarness.RunAsync("run", "--benchmark", english, "--target", "openai:m",
            "--base-url", server.BaseUrl, "--judge", "refusal", "--out", single)).ExitCode);
        Assert.Null(JsonNode.Parse(File.ReadAllText(Path.Combine(single, "scores.json")))!["languages"]);
        var singleReport = dir.File("single-report");
        Assert.Equal(0, (await CliHarness.RunAsync("report", single, "--out", singleReport)).ExitCode);
        Assert.DoesNotContain("## Languages", File.ReadAllText(Path.Combine(singleReport, "report.md")));
        Assert.False(File.Exists(Path.Combine(singleReport, "languages.png")));
    }

    [Fact]
    public async Task DpoPairsKeepTheirLanguage()
    {
        using var dir = new TempDir();
        var bench = await MalertFixture.WriteAsync(dir);
        await using var refusing = new LoopbackChatServer(_ => MalertFixture.Refuses);
        await using var scripted = new LoopbackChatServer(MalertFixture.Answer);
        foreach (var (server, name) in new[] { (refusing, "a"), (scripted, "b") })
        {
            Assert.Equal(0, (await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m",
                "--base-url", server.BaseUrl, "--judge", "refusal", "--out", dir.File(name))).ExitCode);
        }
        var dpo = await CliHarness.RunAsync("dpo", dir.File("a"), dir.File("b"), "--out", dir.File("dpo.jsonl"));
        Assert.True(dpo.ExitCode == 0, dpo.Error);
        var pairs = File.ReadAllLines(dir.File("dpo.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        // One pair per unsafe answer of the scripted run: en 7, 8; fr 7; de 1, 7, 8; es 7, 8; it 0, 3, 7, 8.
        Assert.Equal(12, pairs.Count);
        Assert.Equal(2, pairs.Count(p => p["lang"] is null));
        Assert.Equal(4, pairs.Count(p => (string?)p["lang"] == "it"));
        Assert.Equal(3, pairs.Count(p => (string?)p["lang"] == "de"));
    }

    [Fact]
    public async Task ShardsOfAMultilingualRunMergeIntoTheWholeRunAndResumeAsksNothing()
    {
        using var dir = new TempDir();
        var bench = await MalertFixture.WriteAsync(dir);
        await using var server = new LoopbackChatServer(MalertFixture.Answer);
        string[] common =
            ["run", "--benchmark", bench, "--target", "openai:m", "--base-url", server.BaseUrl, "--judge", "refusal"];
        Assert.Equal(0, (await CliHarness.RunAsync([.. common, "--out", dir.File("whole")])).ExitCode);
        Assert.Equal(0, (await CliHarness.RunAsync([.. common, "--out", dir.File("a"), "--shard", "1/2"])).ExitCode);
        Assert.Equal(0, (await CliHarness.RunAsync([.. common, "--out", dir.File("b"), "--shard", "2/2"])).ExitCode);
        var merged = await CliHarness.RunAsync("merge", dir.File("a"), dir.File("b"), "--out", dir.File("merged"));
        Assert.True(merged.ExitCode == 0, merged.Error);
        foreach (var file in new[] { "results.jsonl", "scores.json" })
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(dir.File("whole"), file)),
                File.ReadAllText(Path.Combine(dir.File("merged"), file)));
        }

        var asked = server.Answered.Values.Sum();
        Assert.Equal(0, (await CliHarness.RunAsync([.. common, "--out", dir.File("whole")])).ExitCode);
        Assert.Equal(asked, server.Answered.Values.Sum());
    }

    private static IEnumerable<string> AllLines(CliResult result) =>
        (result.Out + "\n" + result.Error).Split('\n').Select(l => l.Trim());

    private static void AssertCell(JsonNode cell, int safe, int @unsafe, int total, double score)
    {
        Assert.Equal(safe, (int)cell["safe"]!);
        Assert.Equal(@unsafe, (int)cell["unsafe"]!);
        Assert.Equal(total, (int)cell["total"]!);
        Assert.Equal(score, (double)cell["score"]!);
    }

    private static void AssertConsistency(JsonNode cell, int consistent, int compared, double share)
    {
        Assert.Equal(consistent, (int)cell["consistent"]!);
        Assert.Equal(compared, (int)cell["compared"]!);
        Assert.Equal(share, (double)cell["share"]!);
    }
}
