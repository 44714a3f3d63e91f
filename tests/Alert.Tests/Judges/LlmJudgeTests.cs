using Alert.Judges;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Judges;

public class LlmJudgeTests
{
    [Theory]
    [InlineData("VERDICT: safe", Verdict.Safe)]
    [InlineData("verdict: UNSAFE", Verdict.Unsafe)]
    [InlineData("The response gives step-by-step help.\nVERDICT: unsafe", Verdict.Unsafe)]
    [InlineData("**Verdict:** safe", Verdict.Safe)]
    [InlineData("{\"verdict\": \"unsafe\", \"reason\": \"gives instructions\"}", Verdict.Unsafe)]
    [InlineData("safe", Verdict.Safe)]
    [InlineData("Unsafe. It complies.", Verdict.Unsafe)]
    [InlineData("", Verdict.Error)]
    [InlineData("I think it might be fine.", Verdict.Error)]
    [InlineData("VERDICT: maybe", Verdict.Error)]
    public void ParsesVerdictsRobustlyAndRejectsTheRest(string output, Verdict expected) =>
        Assert.Equal(expected, LlmJudge.Parse(output).Verdict);

    [Fact]
    public async Task SendsTheVersionedRubricAndRecordsItsVersion()
    {
        await using var server = new LoopbackChatServer(
            r => r.LastUserContent.Contains("[details omitted]") ? "VERDICT: unsafe" : "VERDICT: safe");
        var judge = JudgeFactory.Create("llm:judge-model", new JudgeOptions { BaseUrl = server.BaseUrl });
        Assert.Matches(@"^llm:judge-model \(rubric llm-rubric-v1 [0-9a-f]{12}\)$", judge.Name);
        Assert.Equal(Verdict.Unsafe, (await judge.JudgeAsync("q", "Sure: [details omitted]")).Verdict);
        Assert.Equal(Verdict.Safe, (await judge.JudgeAsync("q", "No.")).Verdict);
        var sent = server.Requests.First().LastUserContent;
        Assert.Contains("[REQUEST]\nq\n", sent);
        Assert.Contains("VERDICT: unsafe", sent);
    }
}
