using Alert.Judges;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Plugins;

/// <summary>A judge added as one file (<see cref="ThrowawayJudge"/>) is in the factory, the CLI's help and its
/// runs.</summary>
public class ThrowawayJudgeTests
{
    [Fact]
    public async Task TheFactoryMakesIt()
    {
        using var judge = JudgeFactory.Create("throwaway-test");
        Assert.Equal(Verdict.Unsafe, (await judge.JudgeAsync("q", "Sure, here is how [details omitted]")).Verdict);
        Assert.Contains(JudgeRegistry.Default.Kinds, k => k.Name == "throwaway-test");
        Assert.Equal(0, JudgeFactory.ModelCallsPerResponse("cascade:throwaway-test,refusal"));
    }

    [Fact]
    public async Task HelpListsItAndARunUsesIt()
    {
        var help = await CliHarness.RunAsync("run", "--help");
        Assert.Contains("throwaway-test", help.Out);
        Assert.Contains("A judge registered by a test", help.Out);

        using var dir = new TempDir();
        var bench = await BenchmarkFiles.WriteAsync(dir, 12);
        var run = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:comply", "--judge",
            "throwaway-test", "--out", dir.File("run"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("throwaway-test-v1", File.ReadAllText(Path.Combine(dir.File("run"), "results.jsonl")));
    }

    [Fact]
    public async Task AnUnknownJudgeListsTheRegisteredOnes()
    {
        var result = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "nonesuch", "--out",
            "unused-dir");
        Assert.Equal(2, result.ExitCode); // an unknown --judge value is a usage error
        Assert.Contains("throwaway-test", result.Error);
        Assert.Contains("llamaguard:MODEL", result.Error);
    }
}
