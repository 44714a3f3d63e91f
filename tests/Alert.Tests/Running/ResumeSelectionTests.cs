using Alert.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Alert.Tests.Running;

/// <summary>
/// Resuming a run with another <c>--limit</c>: a larger one extends the run (its sample starts with the smaller
/// one's), a smaller one is refused with one line and nothing written; the header counts what the run really does.
/// </summary>
public class ResumeSelectionTests
{
    private static string[] Args(string run, int limit) =>
        ["run", "--target", "mock:refuse", "--judge", "refusal", "--limit", $"{limit}", "--out", run];

    private static List<string> Ids(string run) =>
        FaultToleranceTests.Results(run).Select(r => r["id"]!.ToJsonString()).ToList();

    private static long PromptRows(string run)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(run, "run.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM prompts";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task ALargerLimitExtendsTheRunAndTheHeaderCountsIt()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        var first = await CliHarness.RunAsync(Args(run, 12));
        Assert.True(first.ExitCode == 0, first.Out + first.Error);
        var before = Ids(run);
        Assert.Equal(12, before.Count);

        var more = await CliHarness.RunAsync(Args(run, 30));
        Assert.True(more.ExitCode == 0, more.Out + more.Error);
        Assert.Contains("30 prompts from", more.Out);
        Assert.Contains("extended: 18 prompts added to the 12 the run had", more.Out);
        Assert.Contains("resumed: 12 prompts were already done", more.Out);
        Assert.Contains("requested 18 responses", more.Out);
        var after = Ids(run);
        Assert.Equal(30, after.Count);
        Assert.Equal(30, PromptRows(run));
        Assert.All(before, id => Assert.Contains(id, after));
        // The same sample a fresh run of 30 takes, in the same order.
        var fresh = await CliHarness.RunAsync(Args(dir.File("fresh"), 30));
        Assert.True(fresh.ExitCode == 0, fresh.Error);
        Assert.Equal(Ids(dir.File("fresh")), after);

        // The same --limit again: the same 30, nothing added.
        var again = await CliHarness.RunAsync(Args(run, 30));
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.DoesNotContain("extended:", again.Out);
        Assert.Contains("resumed: 30 prompts were already done", again.Out);
    }

    [Fact]
    public async Task ASmallerLimitIsRefusedWithOneLineAndNothingWritten()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        Assert.Equal(0, (await CliHarness.RunAsync(Args(run, 20))).ExitCode);
        var results = File.ReadAllText(Path.Combine(run, "results.jsonl"));
        var written = File.GetLastWriteTimeUtc(Path.Combine(run, "results.jsonl"));

        foreach (var args in new[] { Args(run, 8), [.. Args(run, 8), "--dry-run"] })
        {
            var fewer = await CliHarness.RunAsync(args);
            Assert.True(fewer.ExitCode == 1, fewer.Out + fewer.Error);
            var line = Assert.Single(fewer.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("run.db: this run directory holds 20 prompts", line);
            Assert.Contains("(limit 20)", line);
            Assert.Contains("this invocation selects 8", line);
            Assert.Contains("(limit 8)", line);
            Assert.Contains("without 12 of the run's", line);
            Assert.DoesNotContain("prompts from", fewer.Out);
        }
        Assert.Equal(20, PromptRows(run));
        Assert.Equal(results, File.ReadAllText(Path.Combine(run, "results.jsonl")));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(run, "results.jsonl")));

        // Other prompts altogether (--benign adds a file): the line names both benchmarks, not only their hashes.
        var benign = await CliHarness.RunAsync([.. Args(run, 20), "--benign"]);
        Assert.True(benign.ExitCode == 1, benign.Out + benign.Error);
        Assert.Matches(@"the run's benchmark is '[^']+ \(limit 20\)', this one '[^']+ \+ benign \(limit 20\)'",
            benign.Error);
        Assert.Equal(20, PromptRows(run));
    }
}
