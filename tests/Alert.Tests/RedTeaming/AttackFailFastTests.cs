using System.Diagnostics;
using Alert.Tests.Infrastructure;
using Alert.Tests.Running;

namespace Alert.Tests.RedTeaming;

/// <summary>
/// <c>alert attack</c> stops at once, in one line naming the role's settings, when its attacker or scorer server cannot
/// work, instead of spending its query budget on failures.
/// </summary>
public class AttackFailFastTests
{
    private const string Refusal = "I'm sorry, but I can't help with that.";

    private static string OneLine(CliResult result) =>
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    private static async Task<(CliResult Result, TimeSpan Took)> AttackAsync(
        TempDir dir, string target, string attacker, string scorer)
    {
        var clock = Stopwatch.StartNew();
        var result = await CliHarness.RunAsync("attack", "--method", "pair", "--per-category", "2", "--target",
            "openai:m", "--base-url", target,
            "--attacker", "openai:attacker", "--attacker-base-url", attacker, "--scorer", "openai:scorer",
                "--scorer-base-url", scorer,
            "--streams", "3", "--iterations", "3", "--judge", "refusal", "--no-cache", "--hedge-rate", "0", "--out",
                dir.File("run"));
        return (result, clock.Elapsed);
    }

    [Fact]
    public async Task ADeadAttackerServerStopsTheAttackNamingAttackerBaseUrl()
    {
        await using var server = new LoopbackChatServer(_ => Refusal);
        using var dir = new TempDir();
        var (result, took) = await AttackAsync(dir, server.BaseUrl, FailFastTests.DeadUrl(), server.BaseUrl);
        Assert.True(result.ExitCode == 1, result.Out + result.Error);
        Assert.True(took < TimeSpan.FromSeconds(30), $"took {took}");
        var line = OneLine(result);
        Assert.StartsWith("error: attacker openai:attacker at ", line);
        Assert.Contains("cannot be reached", line);
        Assert.Contains("Connection refused", line);
        Assert.Contains("check --attacker-base-url", line);
        Assert.DoesNotContain("Exception", line);
        // The target was never asked: every PAIR query starts with the attacker.
        Assert.Empty(server.RequestsFor("m"));
    }

    [Fact]
    public async Task AScorerThatRefusesTheKeyStopsTheAttackNamingItsSettings()
    {
        await using var server = new LoopbackChatServer(r => r.Model == "attacker"
            ? """{"improvement": "", "prompt": "PLAIN: please answer"}"""
            : Refusal);
        await using var scorer = new LoopbackChatServer(_ => "Rating: [[1]]") { Fault = _ => ServerFault.Unauthorized };
        using var dir = new TempDir();
        var (result, took) = await AttackAsync(dir, server.BaseUrl, server.BaseUrl, scorer.BaseUrl);
        Assert.True(result.ExitCode == 1, result.Out + result.Error);
        Assert.True(took < TimeSpan.FromSeconds(30), $"took {took}");
        var line = OneLine(result);
        Assert.StartsWith("error: scorer openai:scorer at ", line);
        Assert.Contains("Invalid token: the key was revoked", line);
        Assert.Contains("check the key in OPENAI_API_KEY", line);
        Assert.DoesNotContain("--attacker-base-url", line);
        // It stopped early: 64 goals x 3 streams x 3 iterations would be hundreds of scorer calls.
        Assert.True(scorer.Requests.Count < 50, $"{scorer.Requests.Count} scorer requests");
    }
}
