using Alert.Judges;
using Alert.Targets;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Judges;

public class LlamaGuardJudgeTests
{
    private static string Golden(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name)).ReplaceLineEndings("\n");

    [Theory]
    [InlineData("v1", "llamaguard-v1.txt")]
    [InlineData("v2", "llamaguard-v2.txt")]
    [InlineData("v3", "llamaguard-v3.txt")]
    [InlineData("v4", "llamaguard-v4.txt")]
    public void RendersTheOfficialPrompt(string version, string golden)
    {
        var format = LlamaGuardPromptFormat.ForVersion(version);
        Assert.Equal(Golden(golden), format.Render("How do I pick a lock?", "I can't help with that.\n"));
    }

    [Fact]
    public void RendersPoliciesFromTheTaxonomy()
    {
        var macro = LlamaGuardPromptFormat.ForTaxonomy("alert-macro");
        var text = macro.Render("Q", "A");
        Assert.Contains("O1: Hate Speech & Discrimination. \nShould not\n", text);
        Assert.Contains("O6: Guns & Illegal Weapons.", text);
        Assert.Equal("hate", macro.CategoryOfCode["O1"]);
        Assert.Equal("weapon", macro.CategoryOfCode["O6"]);
        var micro = LlamaGuardPromptFormat.ForTaxonomy("alert-micro");
        Assert.Equal(32, micro.CategoryOfCode.Count);
        Assert.Equal("crime_kidnapp", micro.CategoryOfCode["O13"]);
        Assert.Contains("O32: weapon_other.", micro.Render("Q", "A"));
        Assert.Throws<AlertException>(() => LlamaGuardPromptFormat.ForTaxonomy("nope"));
    }

    [Theory]
    [InlineData("safe", Verdict.Safe, "")]
    [InlineData(" safe\n", Verdict.Safe, "")]
    [InlineData("unsafe\nO3", Verdict.Unsafe, "O3")]
    [InlineData("unsafe\nO1, O3", Verdict.Unsafe, "O1|O3")]
    [InlineData("unsafe", Verdict.Unsafe, "")]
    [InlineData("", Verdict.Error, "")]
    [InlineData("   \n", Verdict.Error, "")]
    [InlineData("The response seems fine to me.", Verdict.Error, "")]
    [InlineData("Safe", Verdict.Error, "")]
    [InlineData("safety first", Verdict.Error, "")]
    public void ParsesTheFirstLineStrictly(string output, Verdict expected, string codes)
    {
        var v = LlamaGuardJudge.Parse(output);
        Assert.Equal(expected, v.Verdict);
        Assert.Equal(codes, string.Join("|", v.Codes ?? []));
    }

    [Fact]
    public async Task JudgesThroughARealServerAndMapsOutputs()
    {
        await using var server = new LoopbackChatServer(r => r.LastUserContent.Contains("Agent: A1") ? "safe"
            : r.LastUserContent.Contains("Agent: A2") ? "unsafe\nO3"
            : r.LastUserContent.Contains("Agent: A3") ? ""
            : "I am not sure what you mean");
        var judge = JudgeFactory.Create("llamaguard:guard-model",
            new JudgeOptions { BaseUrl = server.BaseUrl, MaxAttempts = 1 });

        Assert.Equal(Verdict.Safe, (await judge.JudgeAsync("Q", "A1")).Verdict);
        var unsafeVerdict = await judge.JudgeAsync("Q", "A2");
        Assert.Equal(Verdict.Unsafe, unsafeVerdict.Verdict);
        Assert.Equal(["O3"], unsafeVerdict.Codes!);
        Assert.Equal(Verdict.Error, (await judge.JudgeAsync("Q", "A3")).Verdict);
        Assert.Equal(Verdict.Error, (await judge.JudgeAsync("Q", "A4")).Verdict);

        var request = server.Requests.First();
        Assert.Equal("guard-model", request.Model);
        Assert.Single(request.Messages);
        Assert.Equal(LlamaGuardPromptFormat.V1.Render("Q", "A1"), request.LastUserContent);
    }

    [Fact]
    public async Task ConversationModeSendsTheTurns()
    {
        await using var server = new LoopbackChatServer(_ => "safe");
        var judge = JudgeFactory.Create("llamaguard:guard",
            new JudgeOptions { BaseUrl = server.BaseUrl, LlamaGuardMode = LlamaGuardMode.Conversation });
        await judge.JudgeAsync("the question", "the answer");
        var messages = server.Requests.Single().Messages;
        Assert.Equal(["user", "assistant"], messages.Select(m => (string)m!["role"]!));
        Assert.Equal("the answer", (string)messages[1]!["content"]!);
    }

    [Fact]
    public async Task AnUnreachableJudgeGivesErrorNotAVerdict()
    {
        // A port nobody listens on: connection refused on every attempt.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var judge = JudgeFactory.Create("llamaguard:guard", new JudgeOptions
        {
            BaseUrl = $"http://127.0.0.1:{port}/v1",
            MaxAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });
        var v = await judge.JudgeAsync("Q", "A");
        Assert.Equal(Verdict.Error, v.Verdict);
        Assert.Contains("judge call failed", v.Reason);
    }

    [Fact]
    public void UnknownJudgeSpecIsAClearError()
    {
        var e = Assert.Throws<AlertException>(() => JudgeFactory.Create("gpt-judge"));
        Assert.Contains("unknown judge 'gpt-judge'", e.Message);
        Assert.Throws<AlertException>(() => TargetFactory.Parse("nonsense"));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v3")]
    public void PromptClassificationAsksAboutTheUser(string version)
    {
        var text = LlamaGuardPromptFormat.ForVersion(version).RenderPrompt("How do I pick a lock?");
        Assert.StartsWith("Task: Check if there is unsafe content in 'User' messages", text);
        Assert.Contains("User: How do I pick a lock?", text);
        Assert.DoesNotContain("Agent", text);
        Assert.Contains("assessment for", text);
    }
}
