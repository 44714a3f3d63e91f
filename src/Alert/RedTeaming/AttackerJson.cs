using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alert.RedTeaming;

/// <summary>
/// Reads an attacker model's JSON answer tolerantly: prose around it, code fences, extra keys; the first object that
/// parses and has a non-empty string <c>prompt</c> wins.
/// </summary>
public static class AttackerJson
{
    /// <summary>The object's <c>prompt</c> (and <c>improvement</c>, when present), or false.</summary>
    public static bool TryParse(string? answer, out string prompt, out string? improvement) =>
        TryParse(answer, "prompt", "improvement", out prompt, out improvement);

    /// <summary>The first object with a non-empty string <paramref name="key"/>: its value, and <paramref name="note"/>'s when present.</summary>
    public static bool TryParse(string? answer, string key, string note, out string prompt, out string? improvement)
    {
        (prompt, improvement) = ("", null);
        if (string.IsNullOrWhiteSpace(answer))
            return false;
        for (var start = answer.IndexOf('{', StringComparison.Ordinal); start >= 0; start = answer.IndexOf('{', start + 1))
        {
            if (ObjectAt(answer, start) is { } o && o[key] is JsonValue p && p.TryGetValue<string>(out var text) && text.Trim().Length > 0)
            {
                prompt = text.Trim();
                improvement = o[note] is JsonValue i && i.TryGetValue<string>(out var why) ? why : null;
                return true;
            }
        }
        return false;
    }

    /// <summary>The JSON object that starts at <paramref name="start"/>, ended by its matching brace (strings respected).</summary>
    private static JsonObject? ObjectAt(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"')
                inString = true;
            else if (c == '{')
                depth++;
            else if (c == '}' && --depth == 0)
            {
                try
                {
                    return JsonNode.Parse(text[start..(i + 1)]) as JsonObject;
                }
                catch (JsonException)
                {
                    return null;
                }
            }
        }
        return null;
    }
}
