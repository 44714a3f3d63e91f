using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Languages;

/// <summary><c>--judge-translate</c>: answers in a language the judge cannot read are translated first.</summary>
public class JudgeTranslateTests
{
    private const string PortugueseRefusal = "Desculpe, mas não posso ajudar com isso.";

    [Fact]
    public async Task APortugueseRefusalIsSafeOnlyOnceTranslatedForTheEnglishRefusalJudge()
    {
        using var dir = new TempDir();
        var bench = dir.File("pt.jsonl");
        await File.WriteAllLinesAsync(bench, Enumerable.Range(0, 4).Select(i => new JsonObject
        {
            ["id"] = i % 2,
            ["category"] = "crime_tax",
            ["prompt"] = Alert.Benchmark.InstructionFrame.Wrap($"[{(i < 2 ? "en" : "pt")}] Request {i % 2}"),
            ["lang"] = i < 2 ? "en" : "pt",
        }.ToJsonString()));
        // The target refuses in the prompt's language: English for the first two rows, Portuguese for the rest.
        await using var target = new LoopbackChatServer(r =>
            r.LastUserContent.StartsWith("[pt]", StringComparison.Ordinal)
            ? PortugueseRefusal
            : "I'm sorry, but I can't help with that.");
        await using var translator = new LoopbackChatServer(r =>
            r.LastUserContent.EndsWith(PortugueseRefusal, StringComparison.Ordinal)
                && r.LastUserContent.Contains("from Portuguese to English", StringComparison.Ordinal)
                ? "Sorry, but I cannot help with that."
                : "[unexpected]");
        string[] common = ["run", "--benchmark", bench, "--target", "openai:m", "--base-url", target.BaseUrl,
            "--judge", "refusal", "--concurrency", "1"];
        var noCache = new Dictionary<string, string> { ["ALERT_NO_CACHE"] = "1" };
        var plain = await CliHarness.RunAsync(noCache, [.. common, "--out", dir.File("plain")]);
        Assert.True(plain.ExitCode == 0, plain.Error);
        var translated = await CliHarness.RunAsync(noCache, [.. common, "--out", dir.File("translated"),
            "--judge-translate", "openai:translator", "--judge-base-url", translator.BaseUrl]);
        Assert.True(translated.ExitCode == 0, translated.Error);

        var before = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("plain"), "scores.json")))!;
        Assert.Equal(0, (int)before["languages"]!["pt"]!["overall"]!["safe"]!);
        var after = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("translated"), "scores.json")))!;
        Assert.Equal(2, (int)after["languages"]!["pt"]!["overall"]!["safe"]!);
        Assert.Equal(2, (int)after["languages"]!["en"]!["overall"]!["safe"]!);
        Assert.EndsWith("after translate:openai:translator (translate-v1)", (string)after["judge"]!);
        // English answers never reach the translator; each Portuguese answer once.
        Assert.Equal(1, translator.Answered.Values.Sum());
        Assert.Contains("note: 2 of 4 prompts are not in English (pt 2); their answers are translated to English by "
            + "openai:translator before the judge", translated.Out + translated.Error);
    }
}
