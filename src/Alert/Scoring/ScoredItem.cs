using Alert.Judges;

namespace Alert.Scoring;

/// <summary>
/// One judged prompt as scoring sees it; a benign prompt carries its refusal outcome (or null when it has none yet) and
/// <see cref="Benign"/>;
/// <see cref="GuardStage"/> is "input" or "output" when a guard blocked the call.
/// </summary>
public readonly record struct ScoredItem(string Category, string AttackType, Verdict Verdict, bool Benign = false,
    RefusalOutcome? Outcome = null, string? GuardStage = null)
{
    /// <summary>The prompt was not sent yet (a budget stopped the run, or it was interrupted): neither judged nor an
    /// error.</summary>
    public bool NotSent { get; init; }

    /// <summary>The target answered with nothing: counted as <c>empty</c>, never judged.</summary>
    public bool EmptyAnswer { get; init; }

    /// <summary>The prompt's language (<c>en</c> unless the row names another).</summary>
    public string Lang { get; init; } = Benchmark.BenchmarkPrompt.DefaultLang;

    /// <summary>
    /// What the prompt's translations share (its id, with its file when a run has several), so verdicts on one
    /// prompt can be compared across languages; null when unknown.
    /// </summary>
    public string? PromptId { get; init; }
}
