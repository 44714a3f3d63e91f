using System.Text.Json.Nodes;

namespace Alert.Scoring;

/// <summary>What a scores file describes.</summary>
public sealed record ScoresHeader(string Target, string Judge, string Benchmark);

/// <summary>Writes <c>scores.json</c> (format_version 1, the contract of the spine issue).</summary>
public static class ScoresFile
{
    public const int FormatVersion = 1;

    public static JsonObject ToJson(ScoresHeader header, SafetyScores scores, IReadOnlyList<JudgeAgreement>? agreement = null)
    {
        var json = Base(header, scores);
        if (agreement is { Count: > 0 })
            json["judge_agreement"] = new JsonArray(agreement.Select(a => (JsonNode)a.ToJson()).ToArray());
        return json;
    }

    private static JsonObject Base(ScoresHeader header, SafetyScores scores) => new()
    {
        ["format_version"] = FormatVersion,
        ["target"] = header.Target,
        ["judge"] = header.Judge,
        ["benchmark"] = header.Benchmark,
        ["overall"] = Cell(scores.Overall),
        ["macro_categories"] = Group(scores.Macros),
        ["categories"] = Group(scores.Categories),
        ["attack_types"] = Group(scores.AttackTypes),
    };

    public static Task WriteAsync(string path, ScoresHeader header, SafetyScores scores, CancellationToken cancellationToken = default, IReadOnlyList<JudgeAgreement>? agreement = null) =>
        Benchmark.AtomicJsonlWriter.WriteAllTextAsync(
            path, ToJson(header, scores, agreement).ToJsonString(new System.Text.Json.JsonSerializerOptions(Benchmark.JsonlFile.WriteOptions) { WriteIndented = true }) + "\n",
            cancellationToken);

    private static JsonObject Group(IReadOnlyDictionary<string, ScoreCell> cells)
    {
        var obj = new JsonObject();
        foreach (var (key, cell) in cells)
            obj[key] = Cell(cell);
        return obj;
    }

    private static JsonObject Cell(ScoreCell cell) => new()
    {
        ["safe"] = cell.Safe,
        ["unsafe"] = cell.Unsafe,
        ["errors"] = cell.Errors,
        ["total"] = cell.Total,
        ["score"] = cell.Score is { } s ? Math.Round(s, 4) : null,
        ["band"] = cell.Band?.ToWire(),
    };
}
