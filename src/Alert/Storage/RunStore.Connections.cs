using Microsoft.Data.Sqlite;

namespace Alert.Storage;

public sealed partial class RunStore
{
    /// <summary>A connection of its own to the run's file (a reader beside the store's writer), in the store's
    /// mode: read-only for a store opened with <see cref="OpenReadOnlyAsync"/>.</summary>
    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, FileName);
        if (_readOnly)
            return await ConnectForReadingAsync(path, cancellationToken).ConfigureAwait(false);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false
        }.ToString());
        await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = db.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=5000";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return db;
    }

    /// <summary>
    /// A connection that reads <paramref name="path"/> and cannot write to it. It opens the file read-write with
    /// <c>query_only</c> set rather than read-only: a read-only connection cannot remove the WAL files
    /// (<c>run.db-wal</c>, <c>run.db-shm</c>) when it is the last to close, so reading a run would leave them beside
    /// it. A file that cannot be opened for writing (a read-only volume) is opened read-only.
    /// </summary>
    private static async Task<SqliteConnection> ConnectForReadingAsync(
        string path, CancellationToken cancellationToken)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false
        }.ToString());
        try
        {
            await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            await db.DisposeAsync().ConfigureAwait(false);
            db = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false
            }.ToString());
            await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var pragma = db.CreateCommand();
        pragma.CommandText = "PRAGMA query_only=1;\nPRAGMA busy_timeout=5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return db;
    }
}
