namespace Alert.Running;

/// <summary>What a run (or a resumed run) did.</summary>
public sealed record RunSummary(int Prompts, int AlreadyDone, int Requested, int Judged, int TargetErrors,
    int JudgeErrors)
{
    /// <summary>Answers that came from the shared cache instead of the target.</summary>
    public int Cached { get; init; }
    /// <summary>Prompts left for a later invocation because <c>--max-requests</c> or <c>--max-cost</c> was
    /// reached.</summary>
    public int LeftByBudget { get; init; }
    /// <summary>Answers that were empty: not judged, scored as <c>empty</c>.</summary>
    public int Empty { get; init; }
}
