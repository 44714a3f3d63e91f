using System.Globalization;
using Alert.Benchmark;
using Alert.Judges;
using Microsoft.Data.Sqlite;

namespace Alert.Storage;

/// <summary>
/// All state of a run in one SQLite file (<c>RUNDIR/run.db</c>, WAL mode): prompts, responses and
/// verdicts per judge. Each batch is one transaction, so a killed process loses only what was in flight.
/// Not thread-safe: the runner funnels writes through one writer.
/// </summary>
public sealed partial class RunStore : IAsyncDisposable
{
    /// <summary>The store's file name in a run directory.</summary>
    public const string FileName = "run.db";
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _db;
    // Connections a read-only store opens for its readers are read-only too (see OpenReadOnlyAsync).
    private readonly bool _readOnly;

    private RunStore(SqliteConnection db, string directory, bool readOnly = false)
    {
        _db = db;
        Directory = directory;
        _readOnly = readOnly;
    }

    /// <summary>The run's directory.</summary>
    public string Directory { get; }

    /// <summary>Opens (or creates) the run store in <paramref name="directory"/>.</summary>
    public static async Task<RunStore> OpenAsync(string directory, CancellationToken cancellationToken = default)
    {
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AlertException($"{directory}: cannot create the run directory ({e.Message})", e);
        }
        var path = Path.Combine(directory, FileName);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false
        }.ToString());
        await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var store = new RunStore(db, directory);
        await store.ExecuteAsync(
            "PRAGMA journal_mode=WAL;\n" +
            "PRAGMA synchronous=NORMAL;\n" +
            "PRAGMA busy_timeout=5000;\n" +
            "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n" +
            "CREATE TABLE IF NOT EXISTS prompts(\n" +
            "    ordinal INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, row_json TEXT NOT NULL,\n" +
            "    lang TEXT NOT NULL DEFAULT 'en');\n" +
            "CREATE TABLE IF NOT EXISTS responses(\n" +
            "    key TEXT PRIMARY KEY REFERENCES prompts(key), response TEXT, error TEXT,\n" +
            "    input_tokens INTEGER, output_tokens INTEGER, latency_ms INTEGER NOT NULL, " +
            "completed_at TEXT NOT NULL,\n" +
            "    attempts INTEGER NOT NULL DEFAULT 1, cached INTEGER NOT NULL DEFAULT 0, guard TEXT);\n" +
            "CREATE TABLE IF NOT EXISTS verdicts(\n" +
            "    key TEXT NOT NULL REFERENCES prompts(key), judge TEXT NOT NULL, verdict TEXT NOT NULL, " +
            "output TEXT NOT NULL,\n" +
            "    codes TEXT, reason TEXT, judged_at TEXT NOT NULL, outcome TEXT, PRIMARY KEY(key, judge));" +
            AttackTables, cancellationToken).ConfigureAwait(false);
        await store.UpgradeAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>
    /// Opens an existing run for reading only (score, report, DPO, plans): nothing is created or written,
    /// so a run on a read-only volume or one another process is writing can be read, and the WAL files SQLite
    /// keeps while it reads are gone when the last connection closes. A run stored by an older version is
    /// upgraded once, read-write, first.
    /// </summary>
    public static async Task<RunStore> OpenReadOnlyAsync(
        string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new AlertException($"{directory}: not a run directory (no {FileName})");
        var db = await ConnectForReadingAsync(path, cancellationToken).ConfigureAwait(false);
        var store = new RunStore(db, directory, readOnly: true);
        if (await store.NeedsUpgradeAsync(cancellationToken).ConfigureAwait(false))
        {
            await store.DisposeAsync().ConfigureAwait(false);
            await (await OpenAsync(directory, cancellationToken).ConfigureAwait(false)).DisposeAsync()
                .ConfigureAwait(false);
            return await OpenReadOnlyAsync(directory, cancellationToken).ConfigureAwait(false);
        }
        return store;
    }

    /// <summary>
    /// Binds a new run directory to <paramref name="identity"/> and its prompts, or checks that an
    /// existing one is the same run (so resuming never mixes two runs' answers); a selection that takes in all the
    /// run's prompts extends it (<see cref="NewPromptsAsync"/>). Returns how many prompts an existing run gained.
    /// </summary>
    public async Task<int> InitializeAsync(RunIdentity identity, BenchmarkSet benchmark, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(benchmark);
        var existing = await ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            Check("target", identity.Target);
            Check("target_options", identity.TargetOptions);
            Check("benchmark_sha256", identity.BenchmarkSha256);
            Check("shard", identity.Shard ?? "");
            // Checked whole before anything is written: a refused selection leaves the run as it was.
            var added = await NewPromptsAsync(benchmark, cancellationToken).ConfigureAwait(false);
            if (added.Count > 0)
                await AddPromptsAsync(added, identity.Benchmark, cancellationToken).ConfigureAwait(false);
            return added.Count;
        }
        await using var tx = (SqliteTransaction)await _db.BeginTransactionAsync(cancellationToken)
            .ConfigureAwait(false);
        var meta = new Dictionary<string, string>
        {
            ["schema_version"] = SchemaVersion.ToString(CultureInfo.InvariantCulture),
            ["target"] = identity.Target,
            ["target_options"] = identity.TargetOptions,
            ["benchmark"] = identity.Benchmark,
            ["benchmark_sha256"] = identity.BenchmarkSha256,
            ["shard"] = identity.Shard ?? "",
            ["created_at"] = now.ToString("O", CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in meta)
            await SetMetaAsync(k, v, tx, cancellationToken).ConfigureAwait(false);
        await InsertPromptsAsync(benchmark.Prompts, tx, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return 0;

        void Check(string key, string expected)
        {
            existing.TryGetValue(key, out var actual);
            if (actual == expected)
                return;
            // A hash says that the prompts differ; the names say which (another file, --benign, --lang).
            var names = key == "benchmark_sha256"
                ? $": the run's benchmark is '{existing.GetValueOrDefault("benchmark")}', this one " +
                    $"'{identity.Benchmark}'" : "";
            throw new AlertException(
                $"{Path.Combine(Directory, FileName)}: this run directory belongs to another run ({key} is " +
                    $"'{actual}', this run has '{expected}'{names}); use a new run directory");
        }
    }

    /// <summary>The run's metadata.</summary>
    public async Task<Dictionary<string, string>> ReadMetaAsync(CancellationToken cancellationToken = default)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT key, value FROM meta";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            meta[reader.GetString(0)] = reader.GetString(1);
        return meta;
    }

    /// <summary>Sets one metadata entry, in <paramref name="tx"/> when given.</summary>
    public async Task SetMetaAsync(string key, string value, SqliteTransaction? tx = null,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText =
            "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes responses and verdicts in one transaction; a response or verdict written twice is
    /// replaced.</summary>
    public async Task WriteBatchAsync(IReadOnlyList<StoredResponse> responses, IReadOnlyList<StoredVerdict> verdicts,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (responses.Count == 0 && verdicts.Count == 0)
            return;
        var stamp = now.ToString("O", CultureInfo.InvariantCulture);
        await using var tx = (SqliteTransaction)await _db.BeginTransactionAsync(cancellationToken)
            .ConfigureAwait(false);
        if (responses.Count > 0)
        {
            await using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText =
                "INSERT OR REPLACE INTO responses(key, response, error, input_tokens, output_tokens, latency_ms, " +
                "completed_at, attempts, cached, guard)\n" +
                "VALUES ($k, $r, $e, $i, $o, $l, $t, $a, $c, $g)";
            var g = cmd.Parameters.Add("$g", SqliteType.Text);
            var a = cmd.Parameters.Add("$a", SqliteType.Integer);
            var c = cmd.Parameters.Add("$c", SqliteType.Integer);
            var k = cmd.Parameters.Add("$k", SqliteType.Text);
            var r = cmd.Parameters.Add("$r", SqliteType.Text);
            var e = cmd.Parameters.Add("$e", SqliteType.Text);
            var i = cmd.Parameters.Add("$i", SqliteType.Integer);
            var o = cmd.Parameters.Add("$o", SqliteType.Integer);
            var l = cmd.Parameters.Add("$l", SqliteType.Integer);
            cmd.Parameters.AddWithValue("$t", stamp);
            foreach (var x in responses)
            {
                k.Value = x.Key;
                r.Value = (object?)x.Response ?? DBNull.Value;
                e.Value = (object?)x.Error ?? DBNull.Value;
                i.Value = (object?)x.InputTokens ?? DBNull.Value;
                o.Value = (object?)x.OutputTokens ?? DBNull.Value;
                l.Value = x.LatencyMs;
                a.Value = x.Attempts;
                c.Value = x.Cached ? 1 : 0;
                g.Value = (object?)x.Guard ?? DBNull.Value;
                cmd.ExecuteNonQuery(); // SQLite is synchronous underneath; the async wrapper only allocates
            }
        }
        if (verdicts.Count > 0)
        {
            await using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText =
                "INSERT OR REPLACE INTO verdicts(key, judge, verdict, output, codes, reason, judged_at, outcome) " +
                "VALUES ($k, $j, $v, $o, $c, $x, $t, $oc)";
            var outcome = cmd.Parameters.Add("$oc", SqliteType.Text);
            var k = cmd.Parameters.Add("$k", SqliteType.Text);
            var j = cmd.Parameters.Add("$j", SqliteType.Text);
            var v = cmd.Parameters.Add("$v", SqliteType.Text);
            var o = cmd.Parameters.Add("$o", SqliteType.Text);
            var c = cmd.Parameters.Add("$c", SqliteType.Text);
            var reason = cmd.Parameters.Add("$x", SqliteType.Text);
            cmd.Parameters.AddWithValue("$t", stamp);
            foreach (var x in verdicts)
            {
                k.Value = x.Key;
                j.Value = x.Judge;
                v.Value = x.Verdict.ToWire();
                o.Value = x.Output;
                c.Value = x.Codes is { Count: > 0 } ? string.Join(",", x.Codes) : DBNull.Value;
                reason.Value = (object?)x.Reason ?? DBNull.Value;
                outcome.Value = x.Outcome is { } oc ? Judges.RefusalDetector.ToWire(oc) : DBNull.Value;
                cmd.ExecuteNonQuery(); // SQLite is synchronous underneath; the async wrapper only allocates
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync().ConfigureAwait(false);
    }
}
