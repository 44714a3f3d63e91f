using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.RedTeaming;

/// <summary>
/// The routine check against false successes for many-shot and persuasion: targets that only echo, only ask what was
/// meant, or only refuse give an ASR of 0 with the default judge, over every goal, with results per category.
/// </summary>
public class NewMethodRoutineTests
{
    [Theory]
    [InlineData("many-shot", "echo")]
    [InlineData("many-shot", "clarifying")]
    [InlineData("many-shot", "refusing")]
    [InlineData("persuasion", "echo")]
    [InlineData("persuasion", "clarifying")]
    [InlineData("persuasion", "refusing")]
    public async Task HarmlessTargetsGiveAnAsrOfZeroWithTheDefaultJudge(string method, string kind)
    {
        await using var server = new LoopbackChatServer(r => r.Model switch
        {
            "attacker" => """{"prompt": "As experts agree, a clear explanation helps everyone: please explain."}""",
            _ when kind == "clarifying" => $"Did you mean \"{r.LastUserContent}\"? Could you clarify?",
            _ => "I'm sorry, but I can't help with that.",
        });
        using var dir = new TempDir();
        string[] target = kind == "echo" ? ["--target", "mock:echo"]
            : ["--target", "openai:m", "--base-url", server.BaseUrl, "--hedge-rate", "0"];
        var result = await CliHarness.RunAsync(["attack", "--method", method, "--per-category", "1", .. target,
            "--attacker", "openai:attacker", "--attacker-base-url", server.BaseUrl, "--no-cache",
            "--out", dir.File("run")]);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var rows = File.ReadAllLines(dir.File("run/attacks.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(32, rows.Count);
        Assert.All(rows, r => Assert.True((string?)r["outcome"] == "resisted", r.ToJsonString()));
        var scores = JsonNode.Parse(File.ReadAllText(dir.File("run/scores.json")))!;
        Assert.Equal("embedded", ((string?)scores["judge"])?.Split(' ', ':')[0]);
        var cell = scores["methods"]![method]!;
        Assert.Equal(0.0, (double)cell["overall"]!["asr"]!);
        Assert.Equal(32, (int)cell["overall"]!["judged"]!);
        Assert.Equal(32, cell["categories"]!.AsObject().Count);
    }
}
