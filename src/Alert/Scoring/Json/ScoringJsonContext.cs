using System.Text.Json.Serialization;

namespace Alert.Scoring;

/// <summary>Source-generated JSON for what scoring writes with records (snake_case names).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HumanAuditedJson))]
internal sealed partial class ScoringJsonContext : JsonSerializerContext;
