using Microsoft.Data.Sqlite;

namespace Alert.Storage;

public sealed partial class RunStore
{
    /// <summary>A connection of its own to the run's file (a reader beside the store's writer), in the store's
    /// mode: read-only for a store opened with <see cref="OpenReadOnlyAsync"/>.</summary>
    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, FileName);
        return _readOnly
            ? await ConnectForReadingAsync(path, cancellationToken).ConfigureAwait(false)
            : await OpenAsync(path, SqliteOpenMode.ReadWriteCreate, "PRAGMA busy_timeout=5000", cancellationToken)
                .ConfigureAwait(false);
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
        const string pragmas = "PRAGMA query_only=1;\nPRAGMA busy_timeout=5000;";
        try
        {
            return await OpenAsync(path, SqliteOpenMode.ReadWrite, pragmas, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            return await OpenAsync(path, SqliteOpenMode.ReadOnly, pragmas, cancellationToken).ConfigureAwait(false);
        }
    }

    // An unpooled connection in the given mode, opened, with its pragmas run; disposed if either step fails.
    private static async Task<SqliteConnection> OpenAsync(
        string path, SqliteOpenMode mode, string pragmas, CancellationToken cancellationToken)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false
        }.ToString());
        try
        {
            await db.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = db.CreateCommand();
            pragma.CommandText = pragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return db;
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
