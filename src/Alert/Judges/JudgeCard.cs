using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alert.Judges;

/// <summary>
/// A judge's measured error: its confusion counts per evaluation set (<c>data/judges/*.card.json</c> for the shipped
/// judges, or one written by <c>alert judge eval --card</c>). Scores use the pooled counts to correct for the judge's
/// error (<see cref="Scoring"/>'s judge-corrected estimate).
/// </summary>
public sealed record JudgeCard(string Judge, IReadOnlyList<JudgeCardSet> Sets)
{
    public const string Suffix = ".card.json";

    /// <summary>The counts of every set together.</summary>
    public JudgeCardSet Pooled => new("pooled", string.Join("; ", Sets.Select(s => s.Name)), Sets.Sum(s => s.TruePositives), Sets.Sum(s => s.FalseNegatives),
        Sets.Sum(s => s.TrueNegatives), Sets.Sum(s => s.FalsePositives));

    private static readonly Lazy<IReadOnlyList<JudgeCard>> ShippedCards = new(() =>
        DataFiles.List("judges/").Where(p => p.EndsWith(Suffix, StringComparison.Ordinal)).Select(p => Parse(DataFiles.ReadText(p), "data/" + p)).ToList());

    /// <summary>The cards shipped with the library.</summary>
    public static IReadOnlyList<JudgeCard> Shipped => ShippedCards.Value;

    /// <summary>The shipped card of the judge named <paramref name="judgeName"/> (its full name, version included), if any.</summary>
    public static JudgeCard? For(string judgeName) => Shipped.FirstOrDefault(c => c.Judge == judgeName);

    public static JudgeCard Parse(string json, string path)
    {
        try
        {
            var o = JsonNode.Parse(json)!.AsObject();
            var sets = o["sets"]!.AsArray().Select(s => new JudgeCardSet((string)s!["name"]!, (string?)s["source"] ?? "",
                (int)s["true_positives"]!, (int)s["false_negatives"]!, (int)s["true_negatives"]!, (int)s["false_positives"]!)).ToList();
            return new JudgeCard((string)o["judge"]!, sets);
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new AlertException($"{path}: not a judge card ({e.Message})", e);
        }
    }

    public static async Task<JudgeCard> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new AlertException($"{path}: no such judge card");
        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    public JsonObject ToJson() => new()
    {
        ["format_version"] = 1,
        ["judge"] = Judge,
        ["sets"] = new JsonArray(Sets.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["source"] = s.Source,
            ["true_positives"] = s.TruePositives,
            ["false_negatives"] = s.FalseNegatives,
            ["true_negatives"] = s.TrueNegatives,
            ["false_positives"] = s.FalsePositives,
            ["sensitivity"] = s.Sensitivity is { } se ? Math.Round(se, 4) : null,
            ["specificity"] = s.Specificity is { } sp ? Math.Round(sp, 4) : null,
        }).ToArray()),
    };

    public string ToJsonString() => ToJson().ToJsonString(new JsonSerializerOptions(Common.JsonlFile.WriteOptions) { WriteIndented = true }) + "\n";
}
