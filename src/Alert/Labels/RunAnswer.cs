using Alert.Judges;

namespace Alert.Labels;

/// <summary>
/// One stored answer as labelling sees it: its key, micro category, the hash of its text, and the run judge's verdict
/// with the probability of harm the judge gave (null for judges that give none).
/// </summary>
/// <param name="Key">The result's key in <c>run.db</c>.</param>
/// <param name="Category">The prompt's micro category.</param>
/// <param name="AnswerSha256">SHA-256 of the answer, null when there is no answer to label (not sent, failed).</param>
/// <param name="Verdict">The run judge's verdict, null when not judged.</param>
/// <param name="Probability">The judge's probability of harm, when its output carries one.</param>
public sealed record RunAnswer(string Key, string Category, string? AnswerSha256, Verdict? Verdict, double? Probability)
{
    /// <summary>Judged safe or unsafe: in the population a safety score is measured on.</summary>
    public bool Judged => Verdict is Judges.Verdict.Safe or Judges.Verdict.Unsafe;
}
