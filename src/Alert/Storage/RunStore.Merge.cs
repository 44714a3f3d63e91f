using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Alert.Storage;

public sealed partial class RunStore
{
    /// <summary>
    /// Combines shard run directories into this (new, empty) run: the same target, options and benchmark,
    /// shards 1..N of one split, each once. Prompts keep their benchmark positions, so the merged run
    /// reads exactly like an unsharded one.
    /// </summary>
    public async Task MergeAsync(IReadOnlyList<string> shardDirectories, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        if ((await ReadMetaAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
            throw new AlertException(
                $"{Path.Combine(Directory, FileName)}: the merge output must be a new run directory");
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
                    throw new AlertException(
                        $"{path}: {key} is '{meta.GetValueOrDefault(key)}' but {first.Path} has " +
                        $"'{first.Meta.GetValueOrDefault(key)}'; only shards of one run can be merged");
            }
        }
        var shards = metas.Select(m => m.Meta.GetValueOrDefault("shard", "")).ToList();
        if (shards.Any(s => s.Length == 0) || shards.Distinct()
            .Count() != shards.Count || shards.Select(s => s.Split('/')[1]).Distinct().Count() != 1
            || int.Parse(shards[0].Split('/')[1], CultureInfo.InvariantCulture) != shards.Count)
            throw new AlertException(
                $"cannot merge shards [{string.Join(", ", shards.Select(s => s.Length == 0 ? "unsharded" : s))}]: " +
                $"expected each shard 1/N..N/N exactly once");

        await using var tx = (SqliteTransaction)await _db.BeginTransactionAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var (k, v) in first.Meta)
        {
            if (k != "shard")
                await SetMetaAsync(k, v, tx, cancellationToken).ConfigureAwait(false);
        }
        await SetMetaAsync("shard", "", tx, cancellationToken).ConfigureAwait(false);
        await SetMetaAsync("merged_from", string.Join(",", shards), tx, cancellationToken).ConfigureAwait(false);
        await SetMetaAsync("created_at", now.ToString("O", CultureInfo.InvariantCulture), tx, cancellationToken)
            .ConfigureAwait(false);
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
            await ExecuteAsync(
                "BEGIN;\n" +
                "INSERT INTO prompts(ordinal, key, row_json, lang)\n" +
                "    SELECT ordinal, key, row_json, lang FROM shard.prompts;\n" +
                "INSERT INTO responses(key, response, error, input_tokens, output_tokens, latency_ms, completed_at, " +
                "attempts, cached, guard)\n" +
                "    SELECT key, response, error, input_tokens, output_tokens, latency_ms, completed_at, attempts, " +
                "cached, guard FROM shard.responses;\n" +
                "INSERT INTO verdicts(key, judge, verdict, output, codes, reason, judged_at, outcome)\n" +
                "    SELECT key, judge, verdict, output, codes, reason, judged_at, outcome FROM shard.verdicts;\n" +
                "COMMIT;\n" +
                "DETACH DATABASE shard;", cancellationToken).ConfigureAwait(false);
        }
    }
}
