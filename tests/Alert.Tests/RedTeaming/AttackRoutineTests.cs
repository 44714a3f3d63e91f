using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.RedTeaming;

/// <summary>
/// The routine check of every attack against false successes: targets that only echo, only ask what was meant, or only
/// refuse give Best-of-N an ASR of 0 with the default judge, over every goal.
/// </summary>
public class AttackRoutineTests
{
    [Theory]
    [InlineData("echo")]
    [InlineData("clarifying")]
    [InlineData("refusing")]
    public async Task HarmlessTargetsGiveBestOfNAnAsrOfZeroWithTheDefaultJudge(string kind)
    {
        await using var server = new LoopbackChatServer(r => kind == "clarifying"
            ? $"Did you mean \"{r.LastUserContent}\"? Could you clarify?"
            : "I'm sorry, but I can't help with that.");
        using var dir = new TempDir();
        string[] target = kind == "echo" ? ["--target", "mock:echo"]
            : ["--target", "openai:m", "--base-url", server.BaseUrl, "--hedge-rate", "0"];
        var result = await CliHarness.RunAsync(["attack", "--method", "bon", "--per-category", "1", .. target,
            "--max-target-queries", "5",
            "--no-cache", "--out", dir.File("run")]);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var rows = File.ReadAllLines(dir.File("run/attacks.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(32, rows.Count);
        Assert.All(rows, r => Assert.True((string?)r["outcome"] == "resisted", r.ToJsonString()));
        var scores = JsonNode.Parse(File.ReadAllText(dir.File("run/scores.json")))!;
        Assert.Equal("embedded", ((string?)scores["judge"])?.Split(' ', ':')[0]);
        var overall = scores["methods"]!["bon"]!["overall"]!;
        Assert.Equal(0.0, (double)overall["asr"]!);
        Assert.Equal(32, (int)overall["judged"]!);
    }
}
