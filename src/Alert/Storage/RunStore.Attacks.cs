using System.Globalization;
using Alert.Judges;
using Microsoft.Data.Sqlite;

namespace Alert.Storage;

public sealed partial class RunStore
{
    private const string AttackTables =
        "CREATE TABLE IF NOT EXISTS attack_calls(\n" +
        "    goal TEXT NOT NULL REFERENCES prompts(key), method TEXT NOT NULL, role TEXT NOT NULL,\n" +
        "    stream INTEGER NOT NULL, node INTEGER NOT NULL, turn INTEGER NOT NULL, attempt INTEGER NOT NULL, " +
        "parent INTEGER,\n" +
        "    request TEXT NOT NULL, response TEXT, error TEXT, input_tokens INTEGER, output_tokens INTEGER,\n" +
        "    latency_ms INTEGER NOT NULL, completed_at TEXT NOT NULL,\n" +
        "    PRIMARY KEY(goal, method, role, stream, node, turn, attempt));\n" +
        "CREATE TABLE IF NOT EXISTS attack_results(\n" +
        "    goal TEXT NOT NULL REFERENCES prompts(key), method TEXT NOT NULL, in_loop_success INTEGER NOT NULL,\n" +
        "    verdict TEXT NOT NULL, judge TEXT NOT NULL, target_queries INTEGER NOT NULL, " +
        "attacker_queries INTEGER NOT NULL,\n" +
        "    scorer_queries INTEGER NOT NULL, queries_to_success INTEGER, best_prompt TEXT, best_response TEXT, " +
        "turns TEXT,\n" +
        "    attacker_refusals INTEGER NOT NULL DEFAULT 0, completed_at TEXT NOT NULL, outcome TEXT, reason TEXT, " +
        "PRIMARY KEY(goal, method));";

    /// <summary>Commits one completed attack call (its own transaction: a kill loses only calls in flight).</summary>
    public async Task WriteAttackCallAsync(StoredAttackCall call, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText =
            "INSERT OR REPLACE INTO attack_calls(goal, method, role, stream, node, turn, attempt, parent, request, " +
            "response, error,\n" +
            "    input_tokens, output_tokens, latency_ms, completed_at)\n" +
            "VALUES ($g, $m, $r, $s, $n, $t, $a, $p, $q, $resp, $e, $i, $o, $l, $c)";
        var id = call.Id;
        cmd.Parameters.AddWithValue("$g", id.Goal);
        cmd.Parameters.AddWithValue("$m", id.Method);
        cmd.Parameters.AddWithValue("$r", id.Role);
        cmd.Parameters.AddWithValue("$s", id.Stream);
        cmd.Parameters.AddWithValue("$n", id.Node);
        cmd.Parameters.AddWithValue("$t", id.Turn);
        cmd.Parameters.AddWithValue("$a", id.Attempt);
        cmd.Parameters.AddWithValue("$p", (object?)call.Parent ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$q", call.Request);
        cmd.Parameters.AddWithValue("$resp", (object?)call.Response ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$e", (object?)call.Error ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$i", (object?)call.InputTokens ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$o", (object?)call.OutputTokens ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$l", call.LatencyMs);
        cmd.Parameters.AddWithValue("$c", now.ToString("O", CultureInfo.InvariantCulture));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The completed calls of one goal's attack by one method, by id.</summary>
    public async Task<Dictionary<AttackCallId, StoredAttackCall>> ReadAttackCallsAsync(
        string goal, string method, CancellationToken cancellationToken = default)
    {
        var calls = new Dictionary<AttackCallId, StoredAttackCall>();
        await using var cmd = _db.CreateCommand();
        cmd.CommandText =
            "SELECT role, stream, node, turn, attempt, parent, request, response, error, input_tokens, " +
            "output_tokens, latency_ms\n" +
            "FROM attack_calls WHERE goal = $g AND method = $m";
        cmd.Parameters.AddWithValue("$g", goal);
        cmd.Parameters.AddWithValue("$m", method);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = new AttackCallId(goal, method, reader.GetString(reader.GetOrdinal("role")),
                reader.GetInt32(reader.GetOrdinal("stream")),
                reader.GetInt32(reader.GetOrdinal("node")), reader.GetInt32(reader.GetOrdinal("turn")),
                    reader.GetInt32(reader.GetOrdinal("attempt")));
            calls[id] = new StoredAttackCall(id, NullableInt(reader, "parent"),
                reader.GetString(reader.GetOrdinal("request")),
                NullableString(reader, reader.GetOrdinal("response")),
                    NullableString(reader, reader.GetOrdinal("error")),
                NullableLong(reader, reader.GetOrdinal("input_tokens")),
                    NullableLong(reader, reader.GetOrdinal("output_tokens")),
                reader.GetInt64(reader.GetOrdinal("latency_ms")));
        }
        return calls;
    }

    /// <summary>Commits how one goal's attack ended.</summary>
    public async Task WriteAttackResultAsync(StoredAttackResult result, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText =
            "INSERT OR REPLACE INTO attack_results(goal, method, in_loop_success, verdict, judge, target_queries, " +
            "attacker_queries,\n" +
            "    scorer_queries, queries_to_success, best_prompt, best_response, turns, attacker_refusals, " +
            "completed_at, outcome, reason)\n" +
            "VALUES ($g, $m, $s, $v, $j, $tq, $aq, $sq, $qs, $bp, $br, $t, $ar, $c, $oc, $rs)";
        cmd.Parameters.AddWithValue("$g", result.Goal);
        cmd.Parameters.AddWithValue("$m", result.Method);
        cmd.Parameters.AddWithValue("$s", result.InLoopSuccess ? 1 : 0);
        cmd.Parameters.AddWithValue("$v", result.Verdict.ToWire());
        cmd.Parameters.AddWithValue("$j", result.Judge);
        cmd.Parameters.AddWithValue("$tq", result.TargetQueries);
        cmd.Parameters.AddWithValue("$aq", result.AttackerQueries);
        cmd.Parameters.AddWithValue("$sq", result.ScorerQueries);
        cmd.Parameters.AddWithValue("$qs", (object?)result.QueriesToSuccess ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$bp", (object?)result.BestPrompt ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$br", (object?)result.BestResponse ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$t", (object?)result.Turns ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$ar", result.AttackerRefusals);
        cmd.Parameters.AddWithValue("$c", now.ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$oc", result.Outcome.ToWire());
        cmd.Parameters.AddWithValue("$rs", (object?)result.Reason ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every goal's attack result by <paramref name="method"/>, keyed by goal.</summary>
    public async Task<Dictionary<string, StoredAttackResult>> ReadAttackResultsAsync(
        string method, CancellationToken cancellationToken = default)
    {
        var results = new Dictionary<string, StoredAttackResult>(StringComparer.Ordinal);
        await using var cmd = _db.CreateCommand();
        cmd.CommandText =
            "SELECT goal, in_loop_success, verdict, judge, target_queries, attacker_queries, scorer_queries, " +
            "queries_to_success,\n" +
            "    best_prompt, best_response, turns, attacker_refusals, outcome, reason\n" +
            "FROM attack_results WHERE method = $m";
        cmd.Parameters.AddWithValue("$m", method);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var verdict = VerdictNamed(reader.GetString(reader.GetOrdinal("verdict")), "attack_results");
            var goal = reader.GetString(reader.GetOrdinal("goal"));
            results[goal] = new StoredAttackResult(
                goal, method, reader.GetInt64(reader.GetOrdinal("in_loop_success")) != 0, verdict,
                reader.GetString(reader.GetOrdinal("judge")), reader.GetInt32(reader.GetOrdinal("target_queries")),
                reader.GetInt32(reader.GetOrdinal("attacker_queries")),
                    reader.GetInt32(reader.GetOrdinal("scorer_queries")),
                NullableInt(reader, "queries_to_success"), NullableString(reader, reader.GetOrdinal("best_prompt")),
                NullableString(reader, reader.GetOrdinal("best_response")),
                    NullableString(reader, reader.GetOrdinal("turns")))
            {
                AttackerRefusals = reader.GetInt32(reader.GetOrdinal("attacker_refusals")),
                Reason = NullableString(reader, reader.GetOrdinal("reason")),
            };
            if (AttackGoalOutcomes.Parse(NullableString(reader, reader.GetOrdinal("outcome"))) is { } outcome)
                results[goal] = results[goal] with { Outcome = outcome };
        }
        return results;
    }

    /// <summary>The methods with results in this run, in name order.</summary>
    public Task<List<string>> ReadAttackMethodsAsync(CancellationToken cancellationToken = default) =>
        ReadStringsAsync("SELECT DISTINCT method FROM attack_results ORDER BY method", cancellationToken);

    /// <summary>Completed attack calls per role, over the whole run.</summary>
    public async Task<Dictionary<string, long>> CountAttackCallsAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT role, count(*) FROM attack_calls GROUP BY role";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>
    /// Calls answered by role (target, attacker, scorer, judge) with their tokens, failed calls left out; a
    /// judge's or scorer's tokens are not reported and count 0.
    /// </summary>
    public async Task<Dictionary<string, (long Requests, long InputTokens, long OutputTokens)>> ReadAttackUsageAsync(
        CancellationToken cancellationToken = default)
    {
        var usage = new Dictionary<string, (long, long, long)>(StringComparer.Ordinal);
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            SELECT role, count(*), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0)
            FROM attack_calls WHERE error IS NULL OR role IN ('scorer', 'judge') GROUP BY role
            """;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            usage[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        return usage;
    }

    private static int? NullableInt(SqliteDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetInt32(reader.GetOrdinal(column));
}
