using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Alert.Labels;

public sealed partial class LabelStore
{
    private const string Columns = "seq, result_key, answer_sha256, label, labeller, queue, audit, labelled_at";

    private async Task<List<(long Seq, HumanLabel Label)>> QueryAsync(string sql, string? labeller,
        SqliteTransaction? tx, CancellationToken cancellationToken)
    {
        var rows = new List<(long, HumanLabel)>();
        await using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        if (labeller is not null)
            cmd.Parameters.AddWithValue("$who", labeller);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var seq = reader.GetInt64(0);
            if (!LabelNames.TryParseLabel(reader.GetString(3), out var label)
                || !LabelNames.TryParseQueue(reader.GetString(5), out var queue))
                throw new AlertException($"{Path}: label {seq.ToString(CultureInfo.InvariantCulture)} has an unknown "
                    + $"label '{reader.GetString(3)}' or queue '{reader.GetString(5)}'");
            var at = DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            rows.Add((seq, new HumanLabel(reader.GetString(1), reader.GetString(2), label, reader.GetString(4), queue,
                reader.GetInt64(6) != 0, at)));
        }
        return rows;
    }

    /// <summary>The stored audit sample's keys in queue order; empty until one is drawn.</summary>
    public async Task<IReadOnlyList<string>> ReadAuditSampleAsync(CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT result_key FROM audit_sample ORDER BY position";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>
    /// The audit queue: the stored sample when there is one (so the queue never changes under a labeller), else a
    /// new sample of <paramref name="size"/> answers drawn with <paramref name="seed"/> (see <see cref="AuditSample"/>)
    /// and stored.
    /// </summary>
    public async Task<IReadOnlyList<string>> AuditQueueAsync(IReadOnlyList<RunAnswer> answers, int size, long seed,
        CancellationToken cancellationToken = default)
    {
        var stored = await ReadAuditSampleAsync(cancellationToken).ConfigureAwait(false);
        if (stored.Count > 0)
            return stored;
        var keys = AuditSample.Draw(answers, size, seed);
        await using var tx = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (var cmd = _db.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO audit_sample(position, result_key) VALUES ($p, $k)";
            var p = cmd.Parameters.Add("$p", SqliteType.Integer);
            var k = cmd.Parameters.Add("$k", SqliteType.Text);
            for (var i = 0; i < keys.Count; i++)
            {
                p.Value = i;
                k.Value = keys[i];
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await using (var meta = _db.CreateCommand())
        {
            meta.Transaction = tx;
            meta.CommandText = "INSERT OR REPLACE INTO meta(key, value) VALUES ('audit_seed', $s)";
            meta.Parameters.AddWithValue("$s", seed.ToString(CultureInfo.InvariantCulture));
            await meta.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return keys;
    }
}
