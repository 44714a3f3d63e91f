using System.Diagnostics;
using System.Globalization;
using Alert.Storage;
using Microsoft.Data.Sqlite;

namespace Alert.View;

/// <summary>
/// A run's search index (a file of the view's own, outside the run; rebuilt when run.db changes): filtered,
/// paginated and full-text queries over its results, each on a read-only connection of its own.
/// </summary>
internal sealed class ViewIndex
{
    /// <summary>The folder, under the user's cache, that holds the indexes by default.</summary>
    public const string DefaultFolderName = "view";

    private readonly string _connection;

    private ViewIndex(string path) => (Path, _connection) = (path, ConnectionString(path, readOnly: true));

    /// <summary>Where the index lives.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens the index of a run, kept in <paramref name="indexDirectory"/>, building it first when it is missing or
    /// older than the run. The run directory is only read: viewing a run leaves it as it was, byte for byte.
    /// </summary>
    public static async Task<ViewIndex> OpenAsync(string runDirectory, string judge, string indexDirectory,
        CancellationToken cancellationToken)
    {
        var path = PathFor(runDirectory, indexDirectory);
        var stamp = await StampAsync(runDirectory, judge, cancellationToken).ConfigureAwait(false);
        if (await ReadStampAsync(path, cancellationToken).ConfigureAwait(false) != stamp)
        {
            try
            {
                await IndexBuilder.BuildAsync(runDirectory, judge, path, stamp, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException or SqliteException)
            {
                throw new AlertException($"{path}: cannot write the view's search index ({e.Message}); "
                    + $"set {UserCacheVariable} to a writable directory", e);
            }
        }
        return new ViewIndex(path);
    }

    /// <summary>The variable the CLI reads the cache directory from, named in the error above.</summary>
    private const string UserCacheVariable = "ALERT_CACHE_DIR";

    /// <summary>
    /// The index file of a run: named by a hash of the run directory's full path, so two runs never share one and
    /// the same run finds its index again.
    /// </summary>
    public static string PathFor(string runDirectory, string indexDirectory)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(runDirectory));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(full));
        return System.IO.Path.Combine(indexDirectory, Convert.ToHexStringLower(hash)[..24] + ".db");
    }

    /// <summary>A connection string for the index file.</summary>
    internal static string ConnectionString(string path, bool readOnly, bool pooling = true) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = readOnly && pooling,
        }.ToString();

    /// <summary>One page of the results a filter selects, in run order, and how many it selects in all.</summary>
    public async Task<(IReadOnlyList<ResultRow> Rows, int Total)> QueryAsync(ResultFilter filter, int page,
        int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.CreateCommand();
        var where = Where(filter, command);
        command.CommandText = $"SELECT count(*) FROM results WHERE {where}";
        var total = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
        command.CommandText = $"SELECT * FROM results WHERE {where} ORDER BY id LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", pageSize);
        command.Parameters.AddWithValue("$offset", (long)Math.Max(0, page - 1) * pageSize);
        return (await ReadRowsAsync(command, cancellationToken).ConfigureAwait(false), total);
    }

    /// <summary>The result of one prompt, by key; null when the run does not hold it.</summary>
    public async Task<ResultRow?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT * FROM results WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return (await ReadRowsAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>The attack types in the run, in name order.</summary>
    public async Task<IReadOnlyList<string>> AttackTypesAsync(CancellationToken cancellationToken)
    {
        await using var db = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT DISTINCT attack FROM results ORDER BY attack";
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            types.Add(reader.GetString(0));
        return types;
    }

    /// <summary>One page of the prompts on which the run's judges disagree, each with every judge's verdict.</summary>
    public async Task<(IReadOnlyList<(ResultRow Row, IReadOnlyList<(string Judge, string Verdict)> Verdicts)> Rows,
        int Total)> DisagreementsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT count(DISTINCT key) FROM disagreements";
        var total = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
        command.CommandText = """
            SELECT * FROM results WHERE key IN (SELECT DISTINCT key FROM disagreements)
            ORDER BY id LIMIT $limit OFFSET $offset
            """;
        command.Parameters.AddWithValue("$limit", pageSize);
        command.Parameters.AddWithValue("$offset", (long)Math.Max(0, page - 1) * pageSize);
        var rows = await ReadRowsAsync(command, cancellationToken).ConfigureAwait(false);
        var list = new List<(ResultRow, IReadOnlyList<(string, string)>)>();
        foreach (var row in rows)
        {
            await using var verdicts = db.CreateCommand();
            verdicts.CommandText = "SELECT judge, verdict FROM disagreements WHERE key = $key ORDER BY judge";
            verdicts.Parameters.AddWithValue("$key", row.Key);
            var pairs = new List<(string, string)>();
            await using var reader = await verdicts.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                pairs.Add((reader.GetString(0), reader.GetString(1)));
            list.Add((row, pairs));
        }
        return (list, total);
    }

    /// <summary>The SQL condition of a filter, its parameters added to <paramref name="command"/>.</summary>
    private static string Where(ResultFilter filter, SqliteCommand command)
    {
        var conditions = new List<string> { "1" };
        void Add(string condition, string name, object? value)
        {
            if (value is null)
                return;
            conditions.Add(condition);
            command.Parameters.AddWithValue(name, value);
        }
        Add("category = $category", "$category", filter.Category);
        Add("attack = $attack", "$attack", filter.AttackType);
        Add("verdict = $verdict", "$verdict", filter.Verdict);
        Add("p >= $pmin", "$pmin", filter.MinProbability);
        Add("p <= $pmax", "$pmax", filter.MaxProbability);
        Add("id IN (SELECT rowid FROM search WHERE search MATCH $q)", "$q", MatchExpression(filter.Search));
        return string.Join(" AND ", conditions);
    }

    /// <summary>
    /// The user's words as an FTS5 query of quoted terms, all required: a quote, a star or a word like NEAR in the
    /// search box is text to find, never query syntax (which would fail or match what the user did not ask).
    /// </summary>
    internal static string? MatchExpression(string? search)
    {
        var terms = (search ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToList();
        return terms.Count == 0 ? null : string.Join(" AND ", terms);
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var db = new SqliteConnection(_connection);
        await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return db;
    }

    private static async Task<List<ResultRow>> ReadRowsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ResultRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetDouble(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return rows;
    }

    /// <summary>
    /// What the index was built from: the judge and the run's answers and verdicts (counts and latest times), read
    /// from run.db itself, since opening a run in WAL mode touches its files without changing a row.
    /// </summary>
    private static async Task<string> StampAsync(string runDirectory, string judge, CancellationToken cancellationToken)
    {
        var run = System.IO.Path.Combine(runDirectory, RunStore.FileName);
        await using var db = await OpenRunAsync(run, cancellationToken).ConfigureAwait(false);
        await using var command = db.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM prompts) || '|' || (SELECT count(*) || '@' || coalesce(max(completed_at), '')
                FROM responses) || '|' || (SELECT count(*) || '@' || coalesce(max(judged_at), '') FROM verdicts)
            """;
        var counts = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return "v1|" + judge + "|" + counts;
    }

    /// <summary>
    /// run.db for reading, as <see cref="RunStore.OpenReadOnlyAsync"/> opens it: read-write with <c>query_only</c>,
    /// so that, the last to close, it removes the WAL files a run being written keeps; a file that cannot be opened
    /// for writing is opened read-only.
    /// </summary>
    private static async Task<SqliteConnection> OpenRunAsync(string run, CancellationToken cancellationToken)
    {
        foreach (var mode in new[] { SqliteOpenMode.ReadWrite, SqliteOpenMode.ReadOnly })
        {
            var db = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = run, Mode = mode, Pooling = false }.ToString());
            try
            {
                await db.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var pragma = db.CreateCommand();
                pragma.CommandText = "PRAGMA query_only=1; PRAGMA busy_timeout=5000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return db;
            }
            catch (SqliteException)
            {
                await db.DisposeAsync().ConfigureAwait(false);
                if (mode == SqliteOpenMode.ReadOnly)
                    throw;
            }
        }
        throw new UnreachableException();
    }

    private static async Task<string?> ReadStampAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            await using var db = new SqliteConnection(ConnectionString(path, readOnly: true, pooling: false));
            await db.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT value FROM stamp";
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
        catch (SqliteException)
        {
            return null; // a damaged or foreign file: rebuilt
        }
    }
}
