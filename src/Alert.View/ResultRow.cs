namespace Alert.View;

/// <summary>One prompt of a run with its answer and verdict, as the view lists it.</summary>
/// <param name="Ordinal">The prompt's position in the run.</param>
/// <param name="Key">The prompt's key (the same prompt in another run has the same key).</param>
/// <param name="Verdict">safe, unsafe, error, empty or not_sent, as in <c>results.jsonl</c>.</param>
/// <param name="Probability">The judge's probability of harm, when its output gives one.</param>
internal sealed record ResultRow(long Ordinal, string Key, string Category, string Macro, string AttackType,
    string Prompt, string? Response, string Verdict, double? Probability, string? JudgeOutput);
