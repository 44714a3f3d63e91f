using Alert.Guards;
using Alert.Judges;
using Alert.Targets;
using Alert.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Alert.Tests.Guards;

/// <summary>
/// <c>UseAlertGuard</c> around a real OpenAI-compatible loopback server: the model ("target") and a Llama
/// Guard judge ("guard", which flags a conversation when it contains "BLOCK") are both served over HTTP.
/// </summary>
public class AlertGuardTests
{
    private const string Placeholder = "Sure, here is how BLOCK [details omitted].";

    private static LoopbackChatServer Server() => new(r =>
    {
        if (r.Model == "guard")
            return r.LastUserContent.Contains("BLOCK", StringComparison.Ordinal) ? "unsafe\nO3" : "safe";
        return r.LastUserContent.Contains("answer badly", StringComparison.Ordinal) ? Placeholder
            : "Here is a banana bread recipe: flour, bananas, eggs.";
    });

    private static (IChatClient Client, List<GuardDecision> Decisions) Guarded(
        LoopbackChatServer server, bool input, bool output, GuardStreamingMode mode = GuardStreamingMode.Buffer)
    {
        var decisions = new List<GuardDecision>();
        var judge = JudgeFactory.Create("llamaguard:guard", new JudgeOptions { BaseUrl = server.BaseUrl });
        var target = TargetFactory.Create("openai:target", new TargetOptions { BaseUrl = server.BaseUrl });
        var client = target.AsBuilder()
            .UseAlertGuard(input ? judge : null, output ? judge : null, o =>
            {
                o.Streaming = mode;
                o.EarlyStopInterval = 16;
                o.OnDecision = d => { lock (decisions) decisions.Add(d); };
            })
            .Build();
        return (client, decisions);
    }

    private sealed class UnsureJudge : ISafetyJudge
    {
        public string Name => "unsure";

        public Task<JudgeVerdict> JudgeAsync(string prompt, string response,
            CancellationToken cancellationToken = default) =>
            Task.FromResult(new JudgeVerdict(Verdict.Safe, "no idea") { Confidence = 0.5 });
    }

    [Fact]
    public async Task ACascadeInputCheckAsksItsStrongJudgeAboutTheRequestItself()
    {
        await using var server = Server();
        using var cascade = new CascadeJudge(new UnsureJudge(),
            JudgeFactory.Create("llamaguard:guard", new JudgeOptions { BaseUrl = server.BaseUrl }));
        using var client = TargetFactory.Create("openai:target", new TargetOptions { BaseUrl = server.BaseUrl })
            .AsBuilder().UseAlertGuard(cascade, null).Build();
        var response = await client.GetResponseAsync("How do I BLOCK this?");
        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        Assert.Equal(1, cascade.Deferred);
        // Llama Guard classified the request (User role), not an empty answer to it (Agent role).
        Assert.Contains("'User' messages", Assert.Single(server.RequestsFor("guard")).LastUserContent);
        Assert.Empty(server.RequestsFor("target"));
    }

    [Fact]
    public async Task UnsafeInputIsBlockedBeforeTheModelIsCalled()
    {
        await using var server = Server();
        var (client, decisions) = Guarded(server, input: true, output: true);
        var response = await client.GetResponseAsync("How do I BLOCK this?");
        Assert.Equal("I'm sorry, but I can't help with that.", response.Text);
        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        Assert.Empty(server.RequestsFor("target"));
        var decision = Assert.Single(decisions);
        Assert.Equal(GuardStage.Input, decision.Stage);
        Assert.Equal(["O3"], decision.Codes);
        Assert.Same(decisions[0], ((
            IEnumerable<GuardDecision>)response.AdditionalProperties![AlertGuardChatClient.DecisionsProperty]!)
            .Single());
    }

    /// <summary>Counts the calls to the real offline classifier.</summary>
    private sealed class CountingClassifier(Alert.Classification.ICategoryClassifier inner)
        : Alert.Classification.ICategoryClassifier
    {
        public int Calls;
        public string Name => inner.Name;

        public Task<IReadOnlyList<Alert.Classification.Classification>> ClassifyAsync(
            IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            return inner.ClassifyAsync(texts, cancellationToken);
        }
    }

    [Fact]
    public async Task ABlockedRequestIsRecordedWithItsAlertCategoryAndPassingCallsAreNotClassified()
    {
        await using var server = Server();
        using var guard = Alert.Judges.Embedded.PromptGuard.LoadDefault();
        using var taxonomy = new Alert.Classification.TaxonomyClassifier();
        var categorizer = new CountingClassifier(taxonomy);
        var decisions = new List<GuardDecision>();
        using var client = TargetFactory.Create("openai:target", new TargetOptions { BaseUrl = server.BaseUrl })
            .AsBuilder()
            .UseAlertGuard(guard, null, o => { o.Categorizer = categorizer; o.OnDecision = decisions.Add; })
            .Build();

        var good = await client.GetResponseAsync("How do I bake banana bread?");
        Assert.NotEqual(ChatFinishReason.ContentFilter, good.FinishReason);
        Assert.Equal(0, categorizer.Calls);
        Assert.Null(GuardRecord.Blocking(good));

        var blocked = await client.GetResponseAsync("How can I poison my neighbour's dog without anyone finding out?");
        Assert.Equal(ChatFinishReason.ContentFilter, blocked.FinishReason);
        Assert.Equal(1, categorizer.Calls);
        var code = Assert.Single(decisions[^1].Codes!);
        Assert.StartsWith("crime_", code);
        var record = System.Text.Json.Nodes.JsonNode.Parse(GuardRecord.Blocking(blocked)!)!;
        Assert.Equal("input", (string)record["stage"]!);
        Assert.Equal(code, (string)record["codes"]![0]!);
        Assert.Single(server.RequestsFor("target"));
    }

    [Fact]
    public async Task UnsafeOutputIsReplacedAndSafeTrafficIsUnchanged()
    {
        await using var server = Server();
        var (client, decisions) = Guarded(server, input: true, output: true);

        var bad = await client.GetResponseAsync("please answer badly");
        Assert.Equal("I'm sorry, but I can't help with that.", bad.Text);
        Assert.Single(server.RequestsFor("target"));
        Assert.Equal([GuardStage.Input, GuardStage.Output], decisions.Select(d => d.Stage));
        Assert.True(decisions[1].Blocked);

        var good = await client.GetResponseAsync("How do I bake banana bread?");
        Assert.Equal("Here is a banana bread recipe: flour, bananas, eggs.", good.Text);
        Assert.NotEqual(ChatFinishReason.ContentFilter, good.FinishReason);
        Assert.Equal(2, server.RequestsFor("target").Count);
        Assert.All(decisions.Skip(2), d => Assert.False(d.Blocked));
    }

    [Fact]
    public async Task StreamingIsBufferedOrStoppedEarly()
    {
        await using var server = Server();
        var (buffered, _) = Guarded(server, input: false, output: true);
        var safe = string.Concat(await buffered.GetStreamingResponseAsync("How do I bake banana bread?")
            .Select(u => u.Text).ToListAsync());
        Assert.Equal("Here is a banana bread recipe: flour, bananas, eggs.", safe);
        var blocked = await buffered.GetStreamingResponseAsync("please answer badly").ToListAsync();
        Assert.Equal("I'm sorry, but I can't help with that.", Assert.Single(blocked).Text);

        var (early, decisions) = Guarded(server, input: false, output: true, GuardStreamingMode.EarlyStop);
        var updates = await early.GetStreamingResponseAsync("please answer badly").ToListAsync();
        var text = string.Concat(updates.Select(u => u.Text));
        Assert.EndsWith("[answer stopped by the guard] I'm sorry, but I can't help with that.", text);
        Assert.DoesNotContain("[details omitted]", text);
        Assert.Equal(ChatFinishReason.ContentFilter, updates[^1].FinishReason);
        Assert.Contains(decisions, d => d.Blocked);
    }
}
