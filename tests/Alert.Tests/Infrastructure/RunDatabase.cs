using Microsoft.Data.Sqlite;

namespace Alert.Tests.Infrastructure;

/// <summary>Edits a run's <c>run.db</c> directly, as a crash or another version would have left it.</summary>
internal static class RunDatabase
{
    /// <summary>Runs <paramref name="sql"/> on <paramref name="run"/>'s store; it must change at least one
    /// row.</summary>
    public static void Execute(string run, string sql)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(run, "run.db")};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0, sql);
    }
}
