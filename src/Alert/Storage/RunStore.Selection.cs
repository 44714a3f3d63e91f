using Alert.Benchmark;
using Alert.Common;
using Microsoft.Data.Sqlite;

namespace Alert.Storage;

public sealed partial class RunStore
{
    /// <summary>
    /// The prompts of <paramref name="benchmark"/> that this run does not hold yet: a selection that takes in every
    /// prompt of the run (a larger <c>--limit</c>, whose sample starts with the smaller one's) extends it. One that
    /// leaves out prompts the run has is another run: an <see cref="AlertException"/> saying how they differ.
    /// </summary>
    public async Task<List<KeyedPrompt>> NewPromptsAsync(BenchmarkSet benchmark,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        // One set of the run's keys, read straight into it: a resumed run of 100,000s of prompts holds it once.
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = _db.CreateCommand())
        {
            cmd.CommandText = "SELECT key FROM prompts";
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                stored.Add(reader.GetString(0));
        }
        var held = stored.Count;
        var added = new List<KeyedPrompt>();
        foreach (var p in benchmark.Prompts)
        {
            if (!stored.Remove(p.Key))
                added.Add(p);
        }
        if (stored.Count == 0)
            return added;
        var meta = await ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        var was = meta.GetValueOrDefault("benchmark", "?");
        throw new AlertException(
            $"{Path.Combine(Directory, FileName)}: this run directory holds {held} prompts ({was}); this invocation " +
            $"selects {benchmark.Prompts.Count} ({benchmark.Name}), without {stored.Count} of the run's: resume " +
            "with the run's selection (a larger --limit extends a run), or use a new run directory");
    }

    /// <summary>Adds <paramref name="prompts"/> to the run and records <paramref name="benchmark"/> as its benchmark's
    /// name, in one transaction.</summary>
    private async Task AddPromptsAsync(IReadOnlyList<KeyedPrompt> prompts, string benchmark,
        CancellationToken cancellationToken)
    {
        await using var tx = (SqliteTransaction)await _db.BeginTransactionAsync(cancellationToken)
            .ConfigureAwait(false);
        await SetMetaAsync("benchmark", benchmark, tx, cancellationToken).ConfigureAwait(false);
        await InsertPromptsAsync(prompts, tx, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertPromptsAsync(IEnumerable<KeyedPrompt> prompts, SqliteTransaction tx,
        CancellationToken cancellationToken)
    {
        await using var insert = _db.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO prompts(ordinal, key, row_json, lang) VALUES ($o, $k, $r, $l)";
        var o = insert.Parameters.Add("$o", SqliteType.Integer);
        var l = insert.Parameters.Add("$l", SqliteType.Text);
        var k = insert.Parameters.Add("$k", SqliteType.Text);
        var r = insert.Parameters.Add("$r", SqliteType.Text);
        foreach (var p in prompts)
        {
            o.Value = p.Ordinal;
            k.Value = p.Key;
            r.Value = BenchmarkFile.ToJson(p.Prompt).ToJsonString(JsonlFile.WriteOptions);
            l.Value = p.Prompt.Lang;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
