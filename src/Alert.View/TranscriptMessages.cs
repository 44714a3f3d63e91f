using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alert.View;

/// <summary>Reads the stored JSON of attack conversations (role and content per message).</summary>
internal static class TranscriptMessages
{
    /// <summary>
    /// The messages of a multi-turn attack's stored turns (<c>{"messages": [...]}</c>); empty without them.
    /// </summary>
    public static IReadOnlyList<(string Role, string Content)> Conversation(string? turns) =>
        Parse(turns) is JsonObject o && o["messages"] is JsonArray messages ? Messages(messages) : [];

    /// <summary>The last user message of a stored request (a JSON array of messages), else null.</summary>
    public static string? LastUser(string request) =>
        Parse(request) is JsonArray messages ? Messages(messages).LastOrDefault(m => m.Role == "user").Content : null;

    private static List<(string Role, string Content)> Messages(JsonArray messages) =>
        messages.OfType<JsonObject>()
            .Select(m => (Text(m["role"]) ?? "?", Text(m["content"]) ?? ""))
            .ToList();

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null; // shown without its conversation rather than failing the page
        }
    }
}
