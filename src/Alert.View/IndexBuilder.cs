using Alert.Judges;
using Alert.Labels;
using Alert.Storage;
using Alert.Taxonomy;
using Microsoft.Data.Sqlite;

namespace Alert.View;

/// <summary>
/// Writes a run's search index: its results flattened into one table, with an FTS5 index over prompts and answers
/// and the answers on which its judges disagree. A file of the view's own, outside the run, so the run directory
/// is only ever read.
/// </summary>
internal static class IndexBuilder
{
    private const string Schema = """
        CREATE TABLE stamp(value TEXT NOT NULL);
        CREATE TABLE results(id INTEGER PRIMARY KEY, key TEXT NOT NULL, category TEXT NOT NULL, macro TEXT NOT NULL,
            attack TEXT NOT NULL, prompt TEXT NOT NULL, response TEXT, verdict TEXT NOT NULL, p REAL, output TEXT);
        CREATE TABLE disagreements(key TEXT NOT NULL, judge TEXT NOT NULL, verdict TEXT NOT NULL);
        """;

    private const string Indexes = """
        CREATE INDEX results_key ON results(key);
        CREATE INDEX results_category ON results(category, id);
        CREATE INDEX results_verdict ON results(verdict, id);
        CREATE INDEX results_attack ON results(attack, id);
        CREATE INDEX disagreements_key ON disagreements(key);
        CREATE VIRTUAL TABLE search USING fts5(prompt, response, content='results', content_rowid='id');
        INSERT INTO search(search) VALUES('rebuild');
        """;

    /// <summary>
    /// Builds the index of <paramref name="runDirectory"/> (verdicts of <paramref name="judge"/>) into
    /// <paramref name="path"/>, written aside and moved into place.
    /// </summary>
    public static async Task BuildAsync(string runDirectory, string judge, string path, string stamp,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var partial = path + ".partial";
        File.Delete(partial);
        var taxonomy = AlertTaxonomy.Default;
        await using (var db = new SqliteConnection(ViewIndex.ConnectionString(partial, readOnly: false)))
        {
            await db.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + Schema, cancellationToken)
                .ConfigureAwait(false);
            await using var store = await RunStore.OpenReadOnlyAsync(runDirectory, cancellationToken)
                .ConfigureAwait(false);
            var transaction = await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var tx = (SqliteTransaction)transaction)
            {
                await using var insert = db.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText =
                    "INSERT INTO results VALUES($id, $key, $c, $m, $a, $prompt, $response, $v, $p, $o)";
                var parameters = new[] { "$id", "$key", "$c", "$m", "$a", "$prompt", "$response", "$v", "$p", "$o" }
                    .Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
                await foreach (var r in store.ReadResultsAsync(judge, cancellationToken).ConfigureAwait(false))
                {
                    var category = taxonomy.TryResolve(r.Prompt.Category, out var micro) ? micro : null;
                    var macro = category is null ? "" : category.Macro;
                    object?[] values =
                    [
                        r.Ordinal, r.Key, r.Prompt.Category, macro, r.Prompt.AttackKey, r.Prompt.Text,
                        r.Response?.Response ?? r.Response?.Error, VerdictOf(r), Probability(r.Verdict?.Output),
                        r.Verdict?.Output,
                    ];
                    for (var i = 0; i < values.Length; i++)
                        parameters[i].Value = values[i] ?? DBNull.Value;
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await WriteDisagreementsAsync(db, tx, store, cancellationToken).ConfigureAwait(false);
                await using var stampCommand = db.CreateCommand();
                stampCommand.Transaction = tx;
                stampCommand.CommandText = "INSERT INTO stamp VALUES($s)";
                stampCommand.Parameters.AddWithValue("$s", stamp);
                await stampCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            await ExecuteAsync(db, Indexes, cancellationToken).ConfigureAwait(false);
        }
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The verdict as <c>results.jsonl</c> writes it.</summary>
    private static string VerdictOf(StoredResult r) => r.Response switch
    {
        null => "not_sent",
        { Error: not null } => "error",
        { Response: var text } when string.IsNullOrWhiteSpace(text) => "empty",
        _ => r.Verdict?.Verdict.ToWire() ?? "error",
    };

    /// <summary>The probability of harm a judge's output gives (<c>unsafe p_unsafe=0.734</c>), else null.</summary>
    internal static double? Probability(string? output) => RunAnswers.Probability(output);

    private static async Task WriteDisagreementsAsync(SqliteConnection db, SqliteTransaction tx, RunStore store,
        CancellationToken cancellationToken)
    {
        var verdicts = await store.ReadAllVerdictsAsync(cancellationToken).ConfigureAwait(false);
        var split = verdicts.GroupBy(v => v.Key, StringComparer.Ordinal)
            .Where(g => g.Select(v => v.Verdict).Where(v => v != Verdict.Error).Distinct().Count() > 1);
        await using var insert = db.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO disagreements VALUES($k, $j, $v)";
        var (key, judge, verdict) = (insert.Parameters.Add("$k", SqliteType.Text),
            insert.Parameters.Add("$j", SqliteType.Text), insert.Parameters.Add("$v", SqliteType.Text));
        foreach (var v in split.SelectMany(g => g))
        {
            (key.Value, judge.Value, verdict.Value) = (v.Key, v.Judge, v.Verdict.ToWire());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
