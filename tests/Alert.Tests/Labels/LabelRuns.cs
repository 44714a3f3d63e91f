using Alert.Labels;
using Alert.Storage;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Labels;

/// <summary>Small real runs (mock target, refusal judge) to label in tests.</summary>
public static class LabelRuns
{
    /// <summary>A run of <paramref name="count"/> prompts (categories in turn) answered by a mock target.</summary>
    public static async Task<string> MakeAsync(TempDir dir, int count, string target = "mock:comply")
    {
        var bench = await BenchmarkFiles.WriteAsync(dir, count);
        var run = dir.File("run");
        var made = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", target, "--judge", "refusal",
            "--out", run);
        Assert.True(made.ExitCode == 0, made.Error);
        return run;
    }

    /// <summary>The run's answers as the label store sees them.</summary>
    public static async Task<List<RunAnswer>> AnswersAsync(string run)
    {
        await using var store = await RunStore.OpenReadOnlyAsync(run);
        return await RunAnswers.ReadAsync(store, await RunAnswers.JudgeAsync(store));
    }
}
