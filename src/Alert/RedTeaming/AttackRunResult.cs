using Alert.Scoring;

namespace Alert.RedTeaming;

/// <summary>What an invocation of an attack run did, the run's scores, and the distinct reasons goals gave.</summary>
/// <param name="Summary">Goals attacked in this invocation and how they ended.</param>
/// <param name="Scores">The attack success rates of the whole run.</param>
/// <param name="Reasons">Why goals were resisted by a filter, failed or errored (from <c>attacks.jsonl</c>).</param>
public sealed record AttackRunResult(AttackSummary Summary, AttackScores Scores, IReadOnlyList<string> Reasons);
