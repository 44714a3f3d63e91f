using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Languages;

/// <summary><c>alert build --translate</c> against a scripted translator on loopback.</summary>
public class TranslateBuildTests
{
    private static readonly Dictionary<string, string> NoCache = new() { ["ALERT_NO_CACHE"] = "1" };

    /// <summary>
    /// Prefixes the language into the text and strips it on the way back; French id 2 comes out as an unrelated
    /// greeting, so its round trip does not match.
    /// </summary>
    private static string Translator(RecordedRequest request)
    {
        var prompt = request.LastUserContent;
        var text = prompt[(prompt.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        if (prompt.Contains("from English to French", StringComparison.Ordinal))
            return text.Contains("topic 2", StringComparison.Ordinal) ? "[fr] Bonjour tout le monde." : "[fr] " + text;
        if (prompt.Contains("from English to German", StringComparison.Ordinal))
            return "[de] " + text;
        if (text == "[fr] Bonjour tout le monde.")
            return "Hello everyone.";
        return text[5..];
    }

    private static async Task<string> WriteBenchmarkAsync(TempDir dir)
    {
        var path = dir.File("in.jsonl");
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, 4).Select(i => new JsonObject
        {
            ["id"] = i,
            ["category"] = "crime_tax",
            ["prompt"] = Alert.Benchmark.InstructionFrame.Wrap($"Placeholder request about topic {i}, for a test"),
        }.ToJsonString()));
        return path;
    }

    [Fact]
    public async Task EachTranslationCarriesItsProvenanceAndTheBadOneIsFlaggedAndCounted()
    {
        using var dir = new TempDir();
        var input = await WriteBenchmarkAsync(dir);
        await using var server = new LoopbackChatServer(Translator);
        var result = await CliHarness.RunAsync(NoCache, "build", "--translate", "fr,de", "--translator", "openai:tr",
            "--base-url", server.BaseUrl, "--benchmark", input, "--out", dir.File("out"));
        Assert.True(result.ExitCode == 0, result.Error);
        var output = dir.File("out/in.jsonl");
        Assert.Contains($"{output}: fr: 4 translated, 1 flagged (round-trip similarity below 0.6)", result.Out);
        Assert.Contains($"{output}: de: 4 translated, 0 flagged", result.Out);

        var rows = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(12, rows.Count);
        Assert.All(rows.Take(4), r => Assert.Null(r["lang"]));
        var french = rows.Where(r => (string?)r["lang"] == "fr").ToList();
        Assert.Equal([0, 1, 2, 3], french.Select(r => (int)r["id"]!));
        Assert.Equal(Alert.Benchmark.InstructionFrame.Wrap("[fr] Placeholder request about topic 0, for a test"),
            (string)french[0]["prompt"]!);
        var provenance = french[0]["translation"]!;
        Assert.Equal("openai:tr", (string)provenance["translator"]!);
        Assert.Equal("translate-v1", (string)provenance["prompt_version"]!);
        Assert.Equal("en", (string)provenance["from"]!);
        Assert.Equal(1.0, (double)provenance["round_trip_similarity"]!);
        Assert.False((bool)provenance["flagged"]!);
        var bad = french[2]["translation"]!;
        Assert.True((bool)bad["flagged"]!);
        Assert.True((double)bad["round_trip_similarity"]! < 0.6);
        Assert.Single(rows, r => (bool?)r["translation"]?["flagged"] == true);

        // The translated file is a benchmark: the same ids in three languages are twelve prompts.
        var set = await Alert.Benchmark.BenchmarkSet.LoadAsync([output]);
        Assert.Equal(12, set.Prompts.Select(p => p.Key).Distinct().Count());
    }

    [Fact]
    public async Task AFailedTranslationWritesNothingAndSaysWhichRow()
    {
        using var dir = new TempDir();
        var input = await WriteBenchmarkAsync(dir);
        await using var server = new LoopbackChatServer(_ => "");
        var result = await CliHarness.RunAsync(NoCache, "build", "--translate", "fr", "--translator", "openai:tr",
            "--base-url", server.BaseUrl, "--benchmark", input, "--out", dir.File("out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"translating id \d into 'fr' with openai:tr failed: .*empty en -> fr translation",
            result.Error);
        Assert.False(File.Exists(dir.File("out/in.jsonl")));

        var usage = await CliHarness.RunAsync("build", "--translate", "fr", "--out", dir.File("out"));
        Assert.Equal(2, usage.ExitCode);
    }
}
