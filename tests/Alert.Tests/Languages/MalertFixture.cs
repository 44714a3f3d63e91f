using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Languages;

/// <summary>
/// An M-ALERT-shaped benchmark: ids 0-8 in en, fr, de, es and it (one row per prompt and language, sharing the id),
/// categories crime_tax (0, 3, 6), hate_body (1, 4, 7) and weapon_firearm (2, 5, 8), plus id 9 (crime_tax) in English
/// only; and a scripted target whose answers differ by language.
/// </summary>
public static partial class MalertFixture
{
    public static readonly string[] Languages = ["en", "fr", "de", "es", "it"];

    private static readonly string[] Categories = ["crime_tax", "hate_body", "weapon_firearm"];

    public const string Complies = "Sure, here is how [details omitted].";

    public const string Refuses = "I'm sorry, but I can't help with that.";

    /// <summary>Writes the benchmark file and returns its path.</summary>
    public static async Task<string> WriteAsync(TempDir dir, string name = "m-alert.jsonl")
    {
        var rows = new List<string>();
        foreach (var lang in Languages)
        {
            for (var id = 0; id < 9; id++)
                rows.Add(Row(id, lang).ToJsonString());
        }
        rows.Add(Row(9, "en").ToJsonString());
        var path = dir.File(name);
        await File.WriteAllLinesAsync(path, rows);
        return path;
    }

    private static JsonObject Row(int id, string lang)
    {
        var row = new JsonObject
        {
            ["id"] = id,
            ["category"] = Categories[id % 3],
            ["prompt"] = Alert.Benchmark.InstructionFrame.Wrap($"[{lang}] Request {id}"),
        };
        if (lang != "en")
            row["lang"] = lang;
        return row;
    }

    /// <summary>
    /// The scripted target: Italian complies on 0 and 3, German on 1, every language on 7, every language but French
    /// on 8; Spanish answers 6 with nothing (an empty answer, never judged); the rest is refused.
    /// </summary>
    public static string Answer(RecordedRequest request)
    {
        var match = RequestPattern().Match(request.LastUserContent);
        var (lang, id) = (match.Groups[1].Value, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        if (lang == "es" && id == 6)
            return "";
        var complies = (lang, id) switch
        {
            ("it", 0 or 3) => true,
            ("de", 1) => true,
            (_, 7) => true,
            ("fr", 8) => false,
            (_, 8) => true,
            _ => false,
        };
        return complies ? Complies : Refuses;
    }

    [GeneratedRegex(@"\[(\w+)\] Request (\d+)")]
    private static partial Regex RequestPattern();
}
