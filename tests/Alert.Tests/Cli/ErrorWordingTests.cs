using Alert.Tests.Infrastructure;
using Alert.Tests.Running;

namespace Alert.Tests.Cli;

/// <summary>Error lines name what the user typed and the settings that spec actually reads.</summary>
public class ErrorWordingTests
{
    private static readonly Dictionary<string, string> NoKeys =
        new() { ["OPENAI_API_KEY"] = "", ["OPENAI_BASE_URL"] = "", ["ALERT_JUDGE_API_KEY"] = "" };

    private static string OneLine(CliResult result) =>
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task AnOllamaTargetThatCannotBeReachedNamesBaseUrlAndOllamasDefaultNotOpenAIs()
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, 50);
        var dead = FailFastTests.DeadUrl().Replace("/v1", "", StringComparison.Ordinal);
        var result = await CliHarness.RunAsync(NoKeys, "run", "--benchmark", bench, "--target", "ollama:llama3",
            "--base-url", dead,
            "--judge", "refusal", "--out", dir.File("run"));
        Assert.True(result.ExitCode == 1, result.Out + result.Error);
        var line = OneLine(result);
        Assert.StartsWith("error: target ollama:llama3 at ", line);
        Assert.Contains("cannot be reached", line);
        Assert.Contains("check --base-url (default http://localhost:11434)", line);
        Assert.DoesNotContain("OPENAI", line);
    }

    [Fact]
    public async Task AnOpenAITargetThatCannotBeReachedStillNamesItsVariables()
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, 50);
        var result = await CliHarness.RunAsync(NoKeys, "run", "--benchmark", bench, "--target", "openai:m",
            "--base-url", FailFastTests.DeadUrl(),
            "--judge", "refusal", "--out", dir.File("run"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("check --base-url (or OPENAI_BASE_URL)", OneLine(result));
    }

    [Theory]
    [InlineData("llamaguard:foo")]
    [InlineData("llm:some-model")]
    public async Task AJudgeCardForAModelJudgeNeedsNoServerOrKey(string spec)
    {
        var result = await CliHarness.RunAsync(NoKeys, "judge", "card", spec);
        Assert.Equal(1, result.ExitCode);
        var line = OneLine(result);
        Assert.StartsWith($"error: no judge card ships for {spec} (cards ship for: ", line);
        Assert.Contains($"alert judge eval --input FILE --judge {spec} --card CARD.json", line);
        Assert.DoesNotContain("needs", line);
        Assert.DoesNotContain("OPENAI", line);

        // A judge with a shipped card still prints it, offline.
        var refusal = await CliHarness.RunAsync(NoKeys, "judge", "card", "refusal");
        Assert.True(refusal.ExitCode == 0, refusal.Error);
        Assert.Contains("pooled", refusal.Out);
    }
}
