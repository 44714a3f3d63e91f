using System.Text.Json.Serialization;

namespace Alert.Scoring.Wire;

/// <summary>Source-generated serialization of <c>scores.json</c>'s language sections (snake_case).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Dictionary<string, LanguageScoresJson>))]
[JsonSerializable(typeof(ConsistencyJson))]
internal sealed partial class ScoresJsonContext : JsonSerializerContext;
