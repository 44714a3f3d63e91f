using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Judges;
using Microsoft.Data.Sqlite;

namespace Alert.Storage;

/// <summary>What a run is: the target and benchmark a run directory is bound to (never a secret).</summary>
public sealed record RunIdentity(string Target, string TargetOptions, string Benchmark, string BenchmarkSha256, string? Shard = null);

/// <summary>A target's answer (or failure) to one prompt.</summary>
/// <remarks><see cref="Attempts"/> counts tries of the request (0 for an answer from the cache, which cost nothing).</remarks>
/// <remarks><see cref="Guard"/>: for a guarded target, the decision that blocked the call (JSON: stage, judge, verdict, output, codes), else null.</remarks>
public sealed record StoredResponse(string Key, string? Response, string? Error, long? InputTokens, long? OutputTokens, long LatencyMs, int Attempts = 1, bool Cached = false, string? Guard = null);

/// <summary>A judge's verdict on one stored response.</summary>
/// <remarks><see cref="Outcome"/> is set for benign prompts: whether the model complied, refused or partly refused.</remarks>
public sealed record StoredVerdict(string Key, string Judge, Verdict Verdict, string Output, IReadOnlyList<string>? Codes, string? Reason, Judges.RefusalOutcome? Outcome = null);

/// <summary>One prompt with what is known about it, in benchmark order.</summary>
public sealed record StoredResult(long Ordinal, string Key, BenchmarkPrompt Prompt, StoredResponse? Response, StoredVerdict? Verdict);

/// <summary>
/// All state of a run in one SQLite file (<c>RUNDIR/run.db</c>, WAL mode): prompts, responses and
/// verdicts per judge. Each batch is one transaction, so a killed process loses only what was in flight.
/// Not thread-safe: the runner funnels writes through one writer.
/// </summary>
public sealed class RunStore : IAsyncDisposable
{
    public const string FileName = "run.db";
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _db;

    private RunStore(SqliteConnection db, string directory)
    {
        _db = db;
        Directory = directory;
    }

    public string Directory { get; }

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
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var store = new RunStore(db, directory);
        await store.ExecuteAsync("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            PRAGMA busy_timeout=5000;
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS prompts(
                ordinal INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, row_json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS responses(
                key TEXT PRIMARY KEY REFERENCES prompts(key), response TEXT, error TEXT,
                input_tokens INTEGER, output_tokens INTEGER, latency_ms INTEGER NOT NULL, completed_at TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 1, cached INTEGER NOT NULL DEFAULT 0, guard TEXT);
            CREATE TABLE IF NOT EXISTS verdicts(
                key TEXT NOT NULL REFERENCES prompts(key), judge TEXT NOT NULL, verdict TEXT NOT NULL, output TEXT NOT NULL,
                codes TEXT, reason TEXT, judged_at TEXT NOT NULL, outcome TEXT, PRIMARY KEY(key, judge));
            """, cancellationToken).ConfigureAwait(false);
        await store.UpgradeAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>
    /// Opens an existing run for reading only (score, report, DPO, plans): nothing is created or written,
    /// so a run on a read-only volume or one another process is writing can be read. A run stored by an
    /// older version is upgraded once, read-write, first.
    /// </summary>
    public static async Task<RunStore> OpenReadOnlyAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new AlertException($"{directory}: not a run directory (no {FileName})");
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var store = new RunStore(db, directory);
        if (await store.NeedsUpgradeAsync(cancellationToken).ConfigureAwait(false))
        {
            await store.DisposeAsync().ConfigureAwait(false);
            await (await OpenAsync(directory, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            return await OpenReadOnlyAsync(directory, cancellationToken).ConfigureAwait(false);
        }
        return store;
    }

    /// <summary>
    /// Binds a new run directory to <paramref name="identity"/> and its prompts, or checks that an
    /// existing one is the same run (so resuming never mixes two runs' answers).
    /// </summary>
    public async Task InitializeAsync(RunIdentity identity, BenchmarkSet benchmark, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var existing = await ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            Check("target", identity.Target);
            Check("target_options", identity.TargetOptions);
            Check("benchmark_sha256", identity.BenchmarkSha256);
            Check("shard", identity.Shard ?? "");
            return;
        }
        await using var tx = (SqliteTransaction)await _db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
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
        await using (var insert = _db.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO prompts(ordinal, key, row_json) VALUES ($o, $k, $r)";
            var o = insert.Parameters.Add("$o", SqliteType.Integer);
            var k = insert.Parameters.Add("$k", SqliteType.Text);
            var r = insert.Parameters.Add("$r", SqliteType.Text);
            foreach (var p in benchmark.Prompts)
            {
                o.Value = p.Ordinal;
                k.Value = p.Key;
                r.Value = BenchmarkFile.ToJson(p.Prompt).ToJsonString(JsonlFile.WriteOptions);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);

        void Check(string key, string expected)
        {
            existing.TryGetValue(key, out var actual);
            if (actual != expected)
                throw new AlertException(
                    $"{Path.Combine(Directory, FileName)}: this run directory belongs to another run ({key} is '{actual}', this run has '{expected}'); use a new run directory");
        }
    }

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

    public async Task SetMetaAsync(string key, string value, SqliteTransaction? tx = null, CancellationToken cancellationToken = default)
    {
        await using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes responses and verdicts in one transaction; a response or verdict written twice is replaced.</summary>
    public async Task WriteBatchAsync(IReadOnlyList<StoredResponse> responses, IReadOnlyList<StoredVerdict> verdicts, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (responses.Count == 0 && verdicts.Count == 0)
            return;
        var stamp = now.ToString("O", CultureInfo.InvariantCulture);
        await using var tx = (SqliteTransaction)await _db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (responses.Count > 0)
        {
            await using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT OR REPLACE INTO responses(key, response, error, input_tokens, output_tokens, latency_ms, completed_at, attempts, cached, guard)
                VALUES ($k, $r, $e, $i, $o, $l, $t, $a, $c, $g)
                """;
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
            cmd.CommandText = "INSERT OR REPLACE INTO verdicts(key, judge, verdict, output, codes, reason, judged_at, outcome) VALUES ($k, $j, $v, $o, $c, $x, $t, $oc)";
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

    /// <summary>Every prompt with its response and its verdict from <paramref name="judge"/>, in benchmark order.</summary>
    /// <remarks>Reads on a connection of its own, so a runner can stream prompts while its writer commits results.</remarks>
    public async IAsyncEnumerable<StoredResult> ReadResultsAsync(string judge, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Directory, FileName), Pooling = false }.ToString());
        await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var pragma = db.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout=5000";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var cmd = db.CreateCommand();
        cmd.CommandText = """
            SELECT p.ordinal, p.key, p.row_json,
                   r.key IS NOT NULL, r.response, r.error, r.input_tokens, r.output_tokens, r.latency_ms, r.attempts, r.cached,
                   v.key IS NOT NULL, v.verdict, v.output, v.codes, v.reason, v.outcome, r.guard
            FROM prompts p
            LEFT JOIN responses r ON r.key = p.key
            LEFT JOIN verdicts v ON v.key = p.key AND v.judge = $j
            ORDER BY p.ordinal
            """;
        cmd.Parameters.AddWithValue("$j", judge);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var taxonomy = Taxonomy.AlertTaxonomy.Default;
        var dbPath = Path.Combine(Directory, FileName);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var ordinal = reader.GetInt64(0);
            var key = reader.GetString(1);
            var prompt = BenchmarkFile.Parse((JsonObject)JsonNode.Parse(reader.GetString(2))!, dbPath, ordinal + 1, taxonomy);
            StoredResponse? response = reader.GetBoolean(3)
                ? new StoredResponse(key, NullableString(reader, 4), NullableString(reader, 5),
                    reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetInt64(7), reader.GetInt64(8),
                    reader.GetInt32(9), reader.GetBoolean(10), NullableString(reader, 17))
                : null;
            StoredVerdict? verdict = null;
            if (reader.GetBoolean(11))
            {
                VerdictNames.TryParse(reader.GetString(12), out var v);
                verdict = new StoredVerdict(key, judge, v, reader.GetString(13), NullableString(reader, 14)?.Split(','), NullableString(reader, 15),
                    Judges.RefusalDetector.TryParse(NullableString(reader, 16)));
            }
            yield return new StoredResult(ordinal, key, prompt, response, verdict);
        }
    }

    public async Task<int> CountPromptsAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM prompts";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every stored verdict (key, judge, verdict), for comparing judges on the same responses.</summary>
    public async Task<List<(string Key, string Judge, Verdict Verdict)>> ReadAllVerdictsAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<(string, string, Verdict)>();
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT key, judge, verdict FROM verdicts";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            VerdictNames.TryParse(reader.GetString(2), out var v);
            list.Add((reader.GetString(0), reader.GetString(1), v));
        }
        return list;
    }

    /// <summary>Tokens the target used so far (requests that reached it; cache hits cost nothing), and how many requests.</summary>
    public async Task<(long Requests, long InputTokens, long OutputTokens)> ReadUsageAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT count(*), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0) FROM responses WHERE cached = 0 AND error IS NULL";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>
    /// Combines shard run directories into this (new, empty) run: the same target, options and benchmark,
    /// shards 1..N of one split, each once. Prompts keep their benchmark positions, so the merged run
    /// reads exactly like an unsharded one.
    /// </summary>
    public async Task MergeAsync(IReadOnlyList<string> shardDirectories, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if ((await ReadMetaAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
            throw new AlertException($"{Path.Combine(Directory, FileName)}: the merge output must be a new run directory");
        var metas = new List<(string Path, Dictionary<string, string> Meta)>();
        foreach (var dir in shardDirectories)
        {
            var path = Path.Combine(dir, FileName);
            if (!File.Exists(path))
                throw new AlertException($"{path}: not a run directory (no {FileName})");
            await using var shard = await OpenAsync(dir, cancellationToken).ConfigureAwait(false);
            metas.Add((path, await shard.ReadMetaAsync(cancellationToken).ConfigureAwait(false)));
        }
        var first = metas[0];
        foreach (var (path, meta) in metas.Skip(1))
        {
            foreach (var key in new[] { "target", "target_options", "benchmark_sha256" })
            {
                if (meta.GetValueOrDefault(key) != first.Meta.GetValueOrDefault(key))
                    throw new AlertException($"{path}: {key} is '{meta.GetValueOrDefault(key)}' but {first.Path} has '{first.Meta.GetValueOrDefault(key)}'; only shards of one run can be merged");
            }
        }
        var shards = metas.Select(m => m.Meta.GetValueOrDefault("shard", "")).ToList();
        if (shards.Any(s => s.Length == 0) || shards.Distinct().Count() != shards.Count || shards.Select(s => s.Split('/')[1]).Distinct().Count() != 1
            || int.Parse(shards[0].Split('/')[1], CultureInfo.InvariantCulture) != shards.Count)
            throw new AlertException($"cannot merge shards [{string.Join(", ", shards.Select(s => s.Length == 0 ? "unsharded" : s))}]: expected each shard 1/N..N/N exactly once");

        await using var tx = (SqliteTransaction)await _db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (k, v) in first.Meta)
        {
            if (k != "shard")
                await SetMetaAsync(k, v, tx, cancellationToken).ConfigureAwait(false);
        }
        await SetMetaAsync("shard", "", tx, cancellationToken).ConfigureAwait(false);
        await SetMetaAsync("merged_from", string.Join(",", shards), tx, cancellationToken).ConfigureAwait(false);
        await SetMetaAsync("created_at", now.ToString("O", CultureInfo.InvariantCulture), tx, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        // ATTACH cannot run inside a transaction; each shard's copy is its own transaction.
        foreach (var (path, _) in metas)
        {
            await using (var attach = _db.CreateCommand())
            {
                attach.CommandText = "ATTACH DATABASE $p AS shard";
                attach.Parameters.AddWithValue("$p", path);
                await attach.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await ExecuteAsync("""
                BEGIN;
                INSERT INTO prompts SELECT * FROM shard.prompts;
                INSERT INTO responses(key, response, error, input_tokens, output_tokens, latency_ms, completed_at, attempts, cached, guard)
                    SELECT key, response, error, input_tokens, output_tokens, latency_ms, completed_at, attempts, cached, guard FROM shard.responses;
                INSERT INTO verdicts(key, judge, verdict, output, codes, reason, judged_at, outcome)
                    SELECT key, judge, verdict, output, codes, reason, judged_at, outcome FROM shard.verdicts;
                COMMIT;
                DETACH DATABASE shard;
                """, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds the columns later versions introduced to a run directory made by an earlier one.</summary>
    /// <summary>Columns added since the first schema: an older run gets them on open.</summary>
    private static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("responses", "attempts", "INTEGER NOT NULL DEFAULT 1"),
        ("responses", "cached", "INTEGER NOT NULL DEFAULT 0"),
        ("responses", "guard", "TEXT"),
        ("verdicts", "outcome", "TEXT"),
    ];

    private async Task<List<(string Table, string Column, string Definition)>> MissingColumnsAsync(CancellationToken cancellationToken)
    {
        var missing = new List<(string, string, string)>();
        foreach (var table in AddedColumns.Select(c => c.Table).Distinct(StringComparer.Ordinal))
        {
            var columns = await ColumnsAsync(table, cancellationToken).ConfigureAwait(false);
            missing.AddRange(AddedColumns.Where(c => c.Table == table && !columns.Contains(c.Column)));
        }
        return missing;
    }

    private async Task<bool> NeedsUpgradeAsync(CancellationToken cancellationToken) =>
        (await MissingColumnsAsync(cancellationToken).ConfigureAwait(false)).Count > 0;

    private async Task UpgradeAsync(CancellationToken cancellationToken)
    {
        foreach (var (table, column, definition) in await MissingColumnsAsync(cancellationToken).ConfigureAwait(false))
            await ExecuteAsync($"ALTER TABLE {table} ADD COLUMN {column} {definition}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<HashSet<string>> ColumnsAsync(string table, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            columns.Add(reader.GetString(0));
        return columns;
    }

    private static string? NullableString(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync().ConfigureAwait(false);
    }
}
