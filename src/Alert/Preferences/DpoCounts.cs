namespace Alert.Preferences;

/// <summary>Counts of what a DPO build found: prompts over all runs, pairs written, and why the others gave
/// none.</summary>
/// <param name="Incomplete">Prompts missing from a run or without a verdict (an error, not sent, not judged) in one,
/// and no pair.</param>
public sealed record DpoCounts(int Prompts, int Pairs, int AllSafe, int AllUnsafe, int Incomplete)
{
    /// <summary>Each run's own counts, in the order given.</summary>
    public IReadOnlyList<DpoRunCounts> Runs { get; init; } = [];
}
