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
    /// <summary>The file name ending of a judge card (<c>NAME.card.json</c>).</summary>
    public const string Suffix = ".card.json";

    /// <summary>The counts of every set together.</summary>
    public JudgeCardSet Pooled => new("pooled", string.Join("; ", Sets.Select(s => s.Name)),
        Sets.Sum(s => s.TruePositives), Sets.Sum(s => s.FalseNegatives),
        Sets.Sum(s => s.TrueNegatives), Sets.Sum(s => s.FalsePositives));

    private static readonly Lazy<IReadOnlyList<JudgeCard>> ShippedCards = new(() =>
        DataFiles.List("judges/").Where(p => p.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(p => Parse(DataFiles.ReadText(p), "data/" + p)).ToList());

    /// <summary>The cards shipped with the library.</summary>
    public static IReadOnlyList<JudgeCard> Shipped => ShippedCards.Value;

    /// <summary>The shipped card of the judge named <paramref name="judgeName"/> (its full name, version included), if
    /// any.</summary>
    public static JudgeCard? For(string judgeName) => Shipped.FirstOrDefault(c => c.Judge == judgeName);

    /// <summary>Reads a card from its JSON text; <paramref name="path"/> names it in errors.</summary>
    public static JudgeCard Parse(string json, string path)
    {
        try
        {
            var o = JsonNode.Parse(json)!.AsObject();
            var sets = o["sets"]!.AsArray().Select(
                s => new JudgeCardSet((string)s!["name"]!, (string?)s["source"] ?? "",
                (int)s["true_positives"]!, (int)s["false_negatives"]!, (int)s["true_negatives"]!,
                    (int)s["false_positives"]!)).ToList();
            return new JudgeCard((string)o["judge"]!, sets);
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException
            or FormatException)
        {
            throw new AlertException($"{path}: not a judge card ({e.Message})", e);
        }
    }

    /// <summary>Reads a card file; a missing or malformed file is an <see cref="AlertException"/> naming it.</summary>
    public static async Task<JudgeCard> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new AlertException($"{path}: no such judge card");
        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    /// <summary>The card as JSON (the format of <c>data/judges/*.card.json</c>).</summary>
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

    /// <summary>The card as indented JSON text, ending with a newline.</summary>
    public string ToJsonString() => ToJson().ToJsonString(
        new JsonSerializerOptions(Common.JsonlFile.WriteOptions) { WriteIndented = true }) + "\n";
}
