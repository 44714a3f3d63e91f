using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Alert.Labels;

/// <summary>
/// People's labels on a run's answers in a SQLite file of their own (by default <c>RUNDIR/labels.db</c>), apart from
/// <c>run.db</c> so that sharing a run does not share who labelled what. Every label given is kept in order; a
/// labeller's current label on an answer is their latest, and undo removes their latest, bringing back the one before.
/// The audit sample is stored once drawn, so the audit queue stays the same across sessions.
/// </summary>
public sealed partial class LabelStore : IAsyncDisposable
{
    /// <summary>The store's file name in a run directory.</summary>
    public const string FileName = "labels.db";
    private readonly SqliteConnection _db;

    private LabelStore(SqliteConnection db, string path)
    {
        _db = db;
        Path = path;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>The default label file of a run directory.</summary>
    public static string DefaultPath(string runDirectory) => System.IO.Path.Combine(runDirectory, FileName);

    /// <summary>Opens (or creates) the label store at <paramref name="path"/>.</summary>
    public static async Task<LabelStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        var db = new SqliteConnection(builder.ToString());
        try
        {
            await db.OpenAsync(cancellationToken).ConfigureAwait(false);
            var store = new LabelStore(db, path);
            await store.ExecuteAsync("""
                PRAGMA journal_mode=WAL;
                PRAGMA busy_timeout=5000;
                CREATE TABLE IF NOT EXISTS labels(
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, result_key TEXT NOT NULL, answer_sha256 TEXT NOT NULL,
                    label TEXT NOT NULL, labeller TEXT NOT NULL, queue TEXT NOT NULL, audit INTEGER NOT NULL,
                    labelled_at TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS labels_by_answer ON labels(result_key, labeller);
                CREATE TABLE IF NOT EXISTS audit_sample(
                    position INTEGER PRIMARY KEY, result_key TEXT NOT NULL UNIQUE);
                CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (SqliteException e)
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw new AlertException($"{path}: cannot open the label store ({e.Message})", e);
        }
    }

    /// <summary>Adds a label; a labeller's later label on the same answer replaces their earlier one.</summary>
    public Task AddAsync(HumanLabel label, CancellationToken cancellationToken = default) =>
        AddRangeAsync([label], cancellationToken);

    /// <summary>Adds labels in one transaction: all of them, or (on failure) none.</summary>
    public async Task AddRangeAsync(IReadOnlyList<HumanLabel> labels, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO labels(result_key, answer_sha256, label, labeller, queue, audit, labelled_at)
            VALUES ($k, $h, $l, $who, $q, $a, $t)
            """;
        var k = cmd.Parameters.Add("$k", SqliteType.Text);
        var h = cmd.Parameters.Add("$h", SqliteType.Text);
        var l = cmd.Parameters.Add("$l", SqliteType.Text);
        var who = cmd.Parameters.Add("$who", SqliteType.Text);
        var q = cmd.Parameters.Add("$q", SqliteType.Text);
        var a = cmd.Parameters.Add("$a", SqliteType.Integer);
        var t = cmd.Parameters.Add("$t", SqliteType.Text);
        foreach (var label in labels)
        {
            k.Value = label.ResultKey;
            h.Value = label.AnswerSha256;
            l.Value = label.Label.ToWire();
            who.Value = label.Labeller;
            q.Value = label.Queue.ToWire();
            a.Value = label.InAuditSample ? 1 : 0;
            t.Value = label.LabelledAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes <paramref name="labeller"/>'s latest label and returns it (null when they have none); their label
    /// before it on the same answer, if any, is current again.
    /// </summary>
    public async Task<HumanLabel?> UndoLastAsync(string labeller, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM labels WHERE labeller = $who ORDER BY seq DESC LIMIT 1", labeller, tx,
            cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
            return null;
        var last = rows[0];
        await using (var delete = _db.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM labels WHERE seq = $s";
            delete.Parameters.AddWithValue("$s", last.Seq);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return last.Label;
    }

    /// <summary>Every labeller's current label on every answer, in the order they were given.</summary>
    public async Task<IReadOnlyList<HumanLabel>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync($"""
            SELECT {Columns} FROM labels
            WHERE seq IN (SELECT max(seq) FROM labels GROUP BY result_key, labeller) ORDER BY seq
            """, null, null, cancellationToken).ConfigureAwait(false)).Select(r => r.Label).ToArray();

    /// <summary>
    /// The current labels checked against the run's answers: a label is valid while its answer's hash matches the
    /// stored answer, stale once the answer changed or is gone.
    /// </summary>
    public async Task<LabelReading> ReadCurrentAsync(IReadOnlyList<RunAnswer> answers,
        CancellationToken cancellationToken = default)
    {
        var hashes = answers.Where(a => a.AnswerSha256 is not null)
            .ToDictionary(a => a.Key, a => a.AnswerSha256!, StringComparer.Ordinal);
        var valid = new List<HumanLabel>();
        var stale = new List<HumanLabel>();
        foreach (var label in await ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var current = hashes.TryGetValue(label.ResultKey, out var hash) && hash == label.AnswerSha256;
            (current ? valid : stale).Add(label);
        }
        return new LabelReading(valid, stale);
    }

    private async Task<SqliteTransaction> BeginAsync(CancellationToken cancellationToken) =>
        (SqliteTransaction)await _db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _db.DisposeAsync().ConfigureAwait(false);
}
