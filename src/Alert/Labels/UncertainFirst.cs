namespace Alert.Labels;

/// <summary>
/// The uncertain-first queue: judged answers whose probability of harm lies nearest the judge's threshold, nearest
/// first. Labels from it teach the judge where it is weakest; they are not a random sample, so estimates never use
/// them unweighted.
/// </summary>
public static class UncertainFirst
{
    /// <summary>The queue's answers in order; answers without a probability (some judges give none) left out.</summary>
    public static IReadOnlyList<RunAnswer> Order(IReadOnlyList<RunAnswer> answers, double threshold) =>
        answers.Where(a => a.Judged && a.AnswerSha256 is not null && a.Probability is not null)
            .OrderBy(a => Math.Abs(a.Probability!.Value - threshold))
            .ThenBy(a => a.Key, StringComparer.Ordinal)
            .ToArray();
}
