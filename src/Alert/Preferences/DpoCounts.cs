namespace Alert.Preferences;

/// <summary>Counts of what a DPO build found.</summary>
public sealed record DpoCounts(int Prompts, int Pairs, int AllSafe, int AllUnsafe, int Incomplete);
