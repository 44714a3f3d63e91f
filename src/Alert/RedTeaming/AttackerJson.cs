using System.Text.Json.Nodes;

namespace Alert.RedTeaming;

/// <summary>
/// Reads an attacker model's JSON answer tolerantly: prose or markdown fences around it, extra keys, keys in any case
/// or spelling of separators (<c>Prompt</c>, <c>generated question</c>), strings in single quotes or with raw newlines,
/// trailing commas (<see cref="LenientJson"/>), and arrays: of prompts, or of objects. The first object (or array)
/// that has a non-empty prompt wins; an array gives its first.
/// </summary>
public static class AttackerJson
{
    private static readonly char[] Openers = ['{', '['];

    /// <summary>The object's <c>prompt</c> (and <c>improvement</c>, when present), or false.</summary>
    public static bool TryParse(string? answer, out string prompt, out string? improvement) =>
        TryParse(answer, "prompt", "improvement", out prompt, out improvement);

    /// <summary>
    /// The first object with a non-empty <paramref name="key"/> (a string, or an array whose first string is taken):
    /// its value, and <paramref name="note"/>'s when present.
    /// </summary>
    public static bool TryParse(string? answer, string key, string note, out string prompt, out string? improvement)
    {
        (prompt, improvement) = ("", null);
        if (string.IsNullOrWhiteSpace(answer))
            return false;
        for (var start = answer.IndexOfAny(Openers); start >= 0; start = answer.IndexOfAny(Openers, start + 1))
        {
            if (LenientJson.ReadAt(answer, start) is { } node && Find(node, key, note) is { } found)
            {
                (prompt, improvement) = found;
                return true;
            }
        }
        return false;
    }

    /// <summary>The prompt and note of an object, or of an array's first item that has one.</summary>
    private static (string Prompt, string? Note)? Find(JsonNode node, string key, string note)
    {
        if (node is JsonArray items)
        {
            foreach (var item in items)
            {
                (string, string?)? found = item switch
                {
                    null => null,
                    JsonValue => Text(item) is { } text ? (text, null) : null,
                    _ => Find(item, key, note),
                };
                if (found is not null)
                    return found;
            }
            return null;
        }
        var o = (JsonObject)node;
        if (Field(o, key) is not { } value || Text(value) is not { } prompt)
            return null;
        return (prompt, Field(o, note) is JsonValue n && n.TryGetValue<string>(out var why) ? why : null);
    }

    /// <summary>A non-empty string, trimmed, or an array's first; null otherwise.</summary>
    private static string? Text(JsonNode value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) && text.Trim().Length > 0 => text.Trim(),
        JsonArray a => a.OfType<JsonNode>().Select(Text).FirstOrDefault(t => t is not null),
        _ => null,
    };

    /// <summary>A property by name, in any case and with or without separators (<c>Generated_Question</c>).</summary>
    private static JsonNode? Field(JsonObject o, string key)
    {
        var wanted = Canonical(key);
        return o.FirstOrDefault(p => Canonical(p.Key) == wanted && p.Value is not null).Value;
    }

    private static string Canonical(string key) =>
        new(key.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
