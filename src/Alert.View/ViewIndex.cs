using System.Globalization;
using Alert.Storage;
using Microsoft.Data.Sqlite;

namespace Alert.View;

/// <summary>
/// A run's search index (<c>view-index.db</c> beside run.db; rebuilt when run.db changes): filtered, paginated
/// and full-text queries over its results, each on a read-only connection of its own.
/// </summary>
internal sealed class ViewIndex
{
    /// <summary>The index's file name in the run directory.</summary>
    public const string FileName = "view-index.db";

    private readonly string _connection;

    private ViewIndex(string path) => (Path, _connection) = (path, ConnectionString(path, readOnly: true));

    /// <summary>Where the index lives.</summary>
    public string Path { get; }

    /// <summary>Opens the index of a run, building it first when it is missing or older than the run.</summary>
    public static async Task<ViewIndex> OpenAsync(string runDirectory, string judge,
        CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(runDirectory, FileName);
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
                    + "copy the run to a writable directory", e);
            }
        }
        return new ViewIndex(path);
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
        await using var db = new SqliteConnection(ConnectionString(run, readOnly: true, pooling: false));
        await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM prompts) || '|' || (SELECT count(*) || '@' || coalesce(max(completed_at), '')
                FROM responses) || '|' || (SELECT count(*) || '@' || coalesce(max(judged_at), '') FROM verdicts)
            """;
        var counts = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return "v1|" + judge + "|" + counts;
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
