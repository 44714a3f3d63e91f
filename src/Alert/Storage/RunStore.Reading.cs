using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Judges;
using Microsoft.Data.Sqlite;

namespace Alert.Storage;

public sealed partial class RunStore
{
    /// <summary>Every prompt with its response and its verdict from <paramref name="judge"/>, in benchmark
    /// order.</summary>
    /// <remarks>Reads on a connection of its own, so a runner can stream prompts while its writer commits
    /// results.</remarks>
    public async IAsyncEnumerable<StoredResult> ReadResultsAsync(
        string judge,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        cmd.CommandText =
            "SELECT p.ordinal, p.key, p.row_json,\n" +
            "       r.key IS NOT NULL AS has_response, r.response, r.error, r.input_tokens, r.output_tokens, " +
            "r.latency_ms, r.attempts,\n" +
            "       r.cached, r.guard, v.key IS NOT NULL AS has_verdict, v.verdict, v.output, v.codes, v.reason, " +
            "v.outcome\n" +
            "FROM prompts p\n" +
            "LEFT JOIN responses r ON r.key = p.key\n" +
            "LEFT JOIN verdicts v ON v.key = p.key AND v.judge = $j\n" +
            "ORDER BY p.ordinal";
        cmd.Parameters.AddWithValue("$j", judge);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var taxonomy = Taxonomy.AlertTaxonomy.Default;
        var dbPath = Path.Combine(Directory, FileName);
        var c = new ResultColumns(reader);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var ordinal = reader.GetInt64(c.Ordinal);
            var key = reader.GetString(c.Key);
            var prompt = BenchmarkFile.Parse((JsonObject)JsonNode.Parse(reader.GetString(c.RowJson))!, dbPath,
                ordinal + 1, taxonomy);
            StoredResponse? response = reader.GetBoolean(c.HasResponse)
                ? new StoredResponse(key, NullableString(reader, c.Response), NullableString(reader, c.Error),
                    NullableLong(reader, c.InputTokens), NullableLong(reader, c.OutputTokens),
                        reader.GetInt64(c.LatencyMs),
                    reader.GetInt32(c.Attempts), reader.GetBoolean(c.Cached), NullableString(reader, c.Guard))
                : null;
            StoredVerdict? verdict = null;
            if (reader.GetBoolean(c.HasVerdict))
            {
                verdict = new StoredVerdict(key, judge, VerdictNamed(reader.GetString(c.Verdict), "verdicts"),
                    reader.GetString(c.Output), NullableString(reader, c.Codes)?.Split(','),
                    NullableString(reader, c.Reason), RefusalDetector.TryParse(NullableString(reader, c.Outcome)));
            }
            yield return new StoredResult(ordinal, key, prompt, response, verdict);
        }
    }

    /// <summary>
    /// A stored verdict's name as its verdict. A name this version does not know (a store written by another version,
    /// or
    /// edited) is an error naming it, never read as <see cref="Verdict.Error"/> without a word.
    /// </summary>
    private Verdict VerdictNamed(string name, string table) => VerdictNames.TryParse(name, out var verdict)
        ? verdict
        : throw new AlertException(
            $"{Path.Combine(Directory, FileName)}: unknown verdict '{name}' in table {table} (expected safe, unsafe " +
            $"or error); "
            + "was the run written by another version of alert?");

    /// <summary>Prompts in the run.</summary>
    public async Task<int> CountPromptsAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM prompts";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every stored verdict (key, judge, verdict), for comparing judges on the same responses.</summary>
    public async Task<List<(string Key, string Judge, Verdict Verdict)>> ReadAllVerdictsAsync(
        CancellationToken cancellationToken = default)
    {
        var list = new List<(string, string, Verdict)>();
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT key, judge, verdict FROM verdicts";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add((reader.GetString(0), reader.GetString(1), VerdictNamed(reader.GetString(2), "verdicts")));
        }
        return list;
    }

    /// <summary>The names of the judges the run holds verdicts from, in order.</summary>
    internal Task<List<string>> ReadJudgeNamesAsync(CancellationToken cancellationToken = default) =>
        ReadStringsAsync("SELECT DISTINCT judge FROM verdicts ORDER BY judge", cancellationToken);

    /// <summary>The first column of every row a query returns, as strings.</summary>
    private async Task<List<string>> ReadStringsAsync(string sql, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>Tokens the target used so far (requests that reached it; cache hits cost nothing), and how many
    /// requests.</summary>
    public async Task<(long Requests, long InputTokens, long OutputTokens)> ReadUsageAsync(
        CancellationToken cancellationToken = default)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText =
            "SELECT count(*), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0) FROM responses WHERE " +
            "cached = 0 AND error IS NULL";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static string? NullableString(SqliteDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : reader.GetString(i);

    private static long? NullableLong(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);

    /// <summary>The result query's columns by name, looked up once per query.</summary>
    private sealed class ResultColumns(SqliteDataReader reader)
    {
        public int Ordinal { get; } = reader.GetOrdinal("ordinal");
        public int Key { get; } = reader.GetOrdinal("key");
        public int RowJson { get; } = reader.GetOrdinal("row_json");
        public int HasResponse { get; } = reader.GetOrdinal("has_response");
        public int Response { get; } = reader.GetOrdinal("response");
        public int Error { get; } = reader.GetOrdinal("error");
        public int InputTokens { get; } = reader.GetOrdinal("input_tokens");
        public int OutputTokens { get; } = reader.GetOrdinal("output_tokens");
        public int LatencyMs { get; } = reader.GetOrdinal("latency_ms");
        public int Attempts { get; } = reader.GetOrdinal("attempts");
        public int Cached { get; } = reader.GetOrdinal("cached");
        public int Guard { get; } = reader.GetOrdinal("guard");
        public int HasVerdict { get; } = reader.GetOrdinal("has_verdict");
        public int Verdict { get; } = reader.GetOrdinal("verdict");
        public int Output { get; } = reader.GetOrdinal("output");
        public int Codes { get; } = reader.GetOrdinal("codes");
        public int Reason { get; } = reader.GetOrdinal("reason");
        public int Outcome { get; } = reader.GetOrdinal("outcome");
    }
}
