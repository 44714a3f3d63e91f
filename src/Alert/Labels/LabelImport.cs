using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alert.Common;
using Alert.Storage;

namespace Alert.Labels;

/// <summary>
/// <c>alert labels import</c>: JSON Lines of <c>{"id", "label"}</c> (label safe, unsafe or unsure; optional
/// <c>labeller</c>, <c>audit</c> and <c>answer_sha256</c>, as <c>alert labels export</c> writes them) by result id,
/// checked whole before anything is written: one bad row stops the import with its file, line and field.
/// </summary>
public static class LabelImport
{
    /// <summary>The labeller of rows that name none, when none is given.</summary>
    public const string DefaultLabeller = "import";

    /// <summary>
    /// Imports <paramref name="file"/> into the run's label store (<paramref name="labelFile"/>, by default
    /// <c>RUNDIR/labels.db</c>); <paramref name="audit"/> declares every row part of a random sample fit for
    /// estimation.
    /// </summary>
    public static async Task<LabelImportResult> ImportAsync(string runDirectory, string file, string? labelFile,
        bool audit, string? labeller, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        List<RunAnswer> answers;
        await using (var run = await RunStore.OpenReadOnlyAsync(runDirectory, cancellationToken).ConfigureAwait(false))
        {
            var judge = await RunAnswers.JudgeAsync(run, cancellationToken).ConfigureAwait(false);
            answers = await RunAnswers.ReadAsync(run, judge, cancellationToken).ConfigureAwait(false);
        }
        var labels = await ReadAsync(file, answers, audit, labeller ?? DefaultLabeller, now, cancellationToken)
            .ConfigureAwait(false);
        var path = labelFile ?? LabelStore.DefaultPath(runDirectory);
        await using var store = await LabelStore.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        await store.AddRangeAsync(labels, cancellationToken).ConfigureAwait(false);
        var hashes = answers.Where(a => a.AnswerSha256 is not null)
            .ToDictionary(a => a.Key, a => a.AnswerSha256, StringComparer.Ordinal);
        var stale = labels.Count(l => hashes[l.ResultKey] != l.AnswerSha256);
        return new LabelImportResult(labels.Count, labels.Count(l => l.InAuditSample), stale, path);
    }

    /// <summary>Reads and checks a label file against the run's answers; nothing is written.</summary>
    public static async Task<List<HumanLabel>> ReadAsync(string file, IReadOnlyList<RunAnswer> answers, bool audit,
        string labeller, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var byKey = answers.ToDictionary(a => a.Key, StringComparer.Ordinal);
        var seen = new Dictionary<(string Key, string Labeller), long>();
        var labels = new List<HumanLabel>();
        await foreach (var (line, row) in JsonlFile.ReadObjectsAsync(file, cancellationToken).ConfigureAwait(false))
        {
            var key = Id(row, file, line);
            // A results.jsonl row of a run of several files names its file: FILE#ID is its key.
            if (JsonlFile.OptionalString(row, Benchmark.KeyedPrompt.FileField, file, line) is { Length: > 0 } from
                && byKey.ContainsKey($"{from}#{key}"))
                key = $"{from}#{key}";
            if (!byKey.TryGetValue(key, out var answer))
            {
                // A run of several benchmark files keys its results FILE#ID: a bare id from results.jsonl is taken
                // when exactly one file has it.
                var keys = byKey.Keys.Where(k => k.EndsWith("#" + key, StringComparison.Ordinal)).Take(3).ToList();
                if (keys.Count != 1)
                {
                    throw new AlertFormatException(file, line, "id", keys.Count == 0
                        ? $"no result '{key}' in the run (ids are results.jsonl's, or FILE#ID as labels export writes)"
                        : $"id '{key}' is in several benchmark files ({string.Join(", ", keys)}): write FILE#ID");
                }
                key = keys[0];
                answer = byKey[key];
            }
            if (answer.AnswerSha256 is null)
                throw new AlertFormatException(file, line, "id", $"result '{key}' has no answer to label");
            var name = JsonlFile.RequireString(row, "label", file, line);
            if (!LabelNames.TryParseLabel(name, out var label))
                throw new AlertFormatException(file, line, "label", $"'{name}' is not safe, unsafe or unsure");
            var who = JsonlFile.OptionalString(row, "labeller", file, line) ?? labeller;
            if (string.IsNullOrWhiteSpace(who))
                throw new AlertFormatException(file, line, "labeller", "is empty");
            if (!seen.TryAdd((key, who), line))
                throw new AlertFormatException(file, line, "id",
                    $"'{key}' is labelled by {who} again (first on line "
                    + $"{seen[(key, who)].ToString(CultureInfo.InvariantCulture)})");
            var hash = JsonlFile.OptionalString(row, "answer_sha256", file, line) ?? answer.AnswerSha256;
            labels.Add(new HumanLabel(key, hash, label, who, LabelOrigin.Import, audit || Flag(row, file, line), now));
        }
        return labels;
    }

    /// <summary>The row's result id: a string, or an integer (benchmark ids are numbers).</summary>
    private static string Id(JsonObject row, string file, long line)
    {
        if (row.TryGetPropertyValue("id", out var node) && node?.GetValueKind() == JsonValueKind.Number)
            return JsonlFile.OptionalInteger(row, "id", file, line)!.Value.ToString(CultureInfo.InvariantCulture);
        return JsonlFile.RequireString(row, "id", file, line);
    }

    /// <summary>The row's optional <c>audit</c> flag (as export writes it).</summary>
    private static bool Flag(JsonObject row, string file, long line)
    {
        if (!row.TryGetPropertyValue("audit", out var node) || node is null)
            return false;
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new AlertFormatException(file, line, "audit", "expected true or false"),
        };
    }
}
