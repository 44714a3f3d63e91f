using System.Globalization;
using Alert.Judges;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Plugins;

/// <summary>
/// What every registered judge kind promises (garak's contract tests over every plugin): garbage in or from its model
/// gives a verdict, never an exception; a cancelled call is cancelled; its name is the same under every culture.
/// Model judges talk to a loopback server that answers garbage.
/// </summary>
public class JudgeContractTests
{
    public static TheoryData<string> Kinds => new(JudgeRegistry.Default.Kinds.Select(k => k.Name));

    private static readonly string[] Garbage =
    [
        "", " ", "\0\u0001\u0002", "banana", "{\"verdict\": 7}", "VERDICT:", "unsafe\nS99", new string('x', 20_000),
        "\ud83d\ude00 \u202e reversed", "<script>alert(1)</script>",
    ];

    private static string Spec(string kind) => JudgeRegistry.Default.Kinds.Single(k => k.Name == kind) is var k
        ? k.Example ?? k.Name : kind;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task GarbageGivesAVerdictNotAnException(string kind)
    {
        var answers = 0;
        await using var server = new LoopbackChatServer(
            _ => Garbage[Interlocked.Increment(ref answers) % Garbage.Length]);
        using var judge = JudgeFactory.Create(Spec(kind), Options(server));
        foreach (var text in Garbage)
        {
            var verdict = await judge.JudgeAsync(text, text);
            Assert.True(Enum.IsDefined(verdict.Verdict), $"{kind}: {verdict.Verdict}");
            Assert.NotNull(verdict.Output);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ItsExampleSpecPassesItsOwnCheck(string kind) =>
        Assert.Null(JudgeRegistry.Default.Validate(Spec(kind), new JudgeOptions()));

    [Theory]
    [InlineData("llamaguard:m", "v9", "default", "--judge-prompt must be v1, v2, v3, v4 (got 'v9')")]
    [InlineData("llamaguard:m", "v3", "everything",
        "--judge-policy must be default, alert-macro, alert-micro (got 'everything')")]
    [InlineData("cascade:refusal,llamaguard:m", "v0", "default", "--judge-prompt must be")]
    [InlineData("cascade:refusal", "v1", "default", "a cascade takes two judges")]
    [InlineData("ensemble:refusal", "v1", "default", "an ensemble takes two or more judges")]
    [InlineData("embedded:no-such-model.json", "v1", "default", "no such model file")]
    [InlineData("refusal:x", "v1", "default", "unknown judge 'refusal:x'")]
    public void EachKindChecksItsOwnArgumentAndOptions(string spec, string prompt, string policy, string expected)
    {
        var error = JudgeRegistry.Default.Validate(
            spec, new JudgeOptions { LlamaGuardVersion = prompt, LlamaGuardPolicy = policy });
        Assert.NotNull(error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task TheCommandLineAsksTheKindNotAHardCodedList()
    {
        // A Llama Guard option is the Llama Guard kind's to check, and checked whichever judge is named: a typo is
        // caught before the user switches to Llama Guard.
        var bad = await CliHarness.RunAsync("judge", "card", "llamaguard:m", "--judge-prompt", "v9");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--judge-prompt must be v1, v2, v3, v4", bad.Error);
        var elsewhere = await CliHarness.RunAsync("judge", "card", "refusal", "--judge-policy", "alert-mirco");
        Assert.Equal(2, elsewhere.ExitCode);
        Assert.Contains("--judge-policy must be default, alert-macro, alert-micro (got 'alert-mirco')",
            elsewhere.Error);
        var fine = await CliHarness.RunAsync("judge", "card", "refusal", "--judge-prompt", "v3");
        Assert.True(fine.ExitCode == 0, fine.Error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ACancelledCallIsCancelled(string kind)
    {
        await using var server = new LoopbackChatServer(_ => "safe", TimeSpan.FromSeconds(30));
        using var judge = JudgeFactory.Create(Spec(kind), Options(server));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => judge.JudgeAsync("How do I pick a lock?", "I can't help with that.", cancelled.Token));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ItsNameIsTheSameUnderEveryCulture(string kind)
    {
        await using var server = new LoopbackChatServer(_ => "safe");
        var names = new List<string>();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "en-US", "de-DE", "tr-TR" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
                using var judge = JudgeFactory.Create(Spec(kind), Options(server));
                names.Add(judge.Name);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
        Assert.Single(names.Distinct());
        Assert.False(string.IsNullOrWhiteSpace(names[0]));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ItIsDescribedAndRejectsAMalformedSpec(string kind)
    {
        var descriptor = JudgeRegistry.Default.Kinds.Single(k => k.Name == kind);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Usage));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description));
        var malformed = descriptor.TakesArgument == true ? kind : descriptor.TakesArgument == false ? kind + ":x"
            : null;
        if (malformed is not null)
            Assert.Contains("unknown judge", Assert.Throws<AlertException>(() => JudgeFactory.Create(malformed))
                .Message);
    }

    private static JudgeOptions Options(LoopbackChatServer server) =>
        new() { BaseUrl = server.BaseUrl, MaxAttempts = 1, RequestTimeout = TimeSpan.FromSeconds(5) };
}
