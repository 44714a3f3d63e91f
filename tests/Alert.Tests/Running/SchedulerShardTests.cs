using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Running;

/// <summary><c>--shard auto</c> under a SLURM job array and a Kubernetes Indexed Job: shards merge into the unsharded
/// run.</summary>
public class SchedulerShardTests
{
    public static TheoryData<string, Dictionary<string, string>, Dictionary<string, string>> Schedulers => new()
    {
        // An array submitted as --array=3-4: task ids 3 and 4, minimum 3.
        { "slurm", new() { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "3",
            ["SLURM_ARRAY_TASK_COUNT"] = "2" },
                   new() { ["SLURM_ARRAY_TASK_ID"] = "4", ["SLURM_ARRAY_TASK_MIN"] = "3",
                       ["SLURM_ARRAY_TASK_COUNT"] = "2" } },
        { "kubernetes", new() { ["JOB_COMPLETION_INDEX"] = "0", ["ALERT_SHARD_COUNT"] = "2" },
                        new() { ["JOB_COMPLETION_INDEX"] = "1", ["ALERT_SHARD_COUNT"] = "2" } },
    };

    [Theory]
    [MemberData(nameof(Schedulers))]
    public async Task AutoShardsFromTheSchedulerMergeIntoTheUnshardedRun(
        string scheduler, Dictionary<string, string> first, Dictionary<string, string> second)
    {
        using var dir = new TempDir();
        var bench = await BenchmarkFiles.WriteAsync(dir, 200);
        string[] common = ["run", "--benchmark", bench, "--target", "mock:echo", "--judge", "refusal", "--no-cache"];
        Assert.Equal(0, (await CliHarness.RunAsync([.. common, "--out", dir.File("whole")])).ExitCode);
        var a = await CliHarness.RunAsync(first, [.. common, "--out", dir.File("a"), "--shard", "auto"]);
        var b = await CliHarness.RunAsync(second, [.. common, "--out", dir.File("b"), "--shard", "auto"]);
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, scheduler + ": " + a.Error + b.Error);
        Assert.Equal("1/2", (string)JsonNode.Parse(
            File.ReadAllText(Path.Combine(dir.File("a"), "manifest.json")))!["shard"]!);
        Assert.Equal("2/2", (string)JsonNode.Parse(
            File.ReadAllText(Path.Combine(dir.File("b"), "manifest.json")))!["shard"]!);

        var merged = await CliHarness.RunAsync("merge", dir.File("a"), dir.File("b"), "--out", dir.File("merged"));
        Assert.True(merged.ExitCode == 0, merged.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("whole"), "results.jsonl")),
            File.ReadAllText(Path.Combine(dir.File("merged"), "results.jsonl")));
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("whole"), "scores.json")),
            File.ReadAllText(Path.Combine(dir.File("merged"), "scores.json")));
    }

    [Fact]
    public async Task AutoWithoutSchedulerVariablesSaysWhatItLooksFor()
    {
        using var dir = new TempDir();
        var none = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "", ["JOB_COMPLETION_INDEX"] = "" };
        var result = await CliHarness.RunAsync(none, "run", "--target", "mock:refuse", "--shard", "auto", "--out",
            dir.File("r"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLURM_ARRAY_TASK_ID", result.Error);
        Assert.Contains("JOB_COMPLETION_INDEX", result.Error);
        Assert.False(Directory.Exists(dir.File("r")));

        var outside = await CliHarness.RunAsync(
            new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2", ["ALERT_SHARD_COUNT"] = "2" },
            "run", "--target", "mock:refuse", "--shard", "auto", "--out", dir.File("r"));
        Assert.Equal(1, outside.ExitCode);
        Assert.Contains("outside 0..1", outside.Error);
    }
}
