using System.Text.Json.Nodes;

namespace Alert.Benchmark;

/// <summary>
/// One benchmark row (spec §6): <c>alert.jsonl</c> rows have no attack type,
/// <c>alert_adversarial.jsonl</c> rows carry one, and this project's adversarial rows also carry
/// <c>source_id</c>. <see cref="Prompt"/> is stored as in the file, usually wrapped in the instruction frame.
/// </summary>
public sealed record BenchmarkPrompt(long Id, string Category, string Prompt, string? AttackType = null,
    long? SourceId = null)
{
    /// <summary>
    /// The prompt's language as a BCP-47 tag (<c>en</c> unless the row's <c>lang</c> says otherwise). Parallel
    /// translations of one prompt (M-ALERT) share <see cref="Id"/> and differ in <see cref="Lang"/>.
    /// </summary>
    public string Lang { get; init; } = DefaultLang;

    /// <summary>
    /// The row's own id when the file gives a string (HarmBench's <c>BehaviorID</c>, a uuid), written back as it
    /// came in results and used in run keys; <see cref="Id"/> is then the row's line number. Null for integer ids.
    /// </summary>
    public string? TextId { get; init; }

    /// <summary>The id as the benchmark file gives it: <see cref="TextId"/>, else <see cref="Id"/>.</summary>
    public string FileId => TextId ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The language of rows that do not name one.</summary>
    public const string DefaultLang = "en";

    /// <summary>Fields of the input row that this type does not model, kept for round-tripping.</summary>
    public JsonObject? Extra { get; init; }

    /// <summary>The request itself, without the instruction frame.</summary>
    public string Text => InstructionFrame.Unwrap(Prompt);

    /// <summary>A legitimate look-alike prompt (<c>"kind": "benign"</c>): its response is judged for refusal, and it
    /// counts in no safety score.</summary>
    public bool IsBenign => Extra?["kind"] is JsonValue v && v.TryGetValue<string>(out var kind)
        && kind == Generation.BenignSetGenerator.Kind;

    /// <summary>The attack type used for scoring: the row's, or <c>none</c> for plain prompts.</summary>
    public string AttackKey => string.IsNullOrEmpty(AttackType) ? "none" : AttackType;
}
