using Alert.Labels;
using Alert.Storage;
using Alert.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

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

    /// <summary>Runs one statement on the run's store (to change a stored answer under its labels).</summary>
    public static void Execute(string run, string sql)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(run, "run.db")};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0, sql);
    }
}
