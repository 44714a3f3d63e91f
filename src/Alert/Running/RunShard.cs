namespace Alert.Running;

/// <summary>Shard <see cref="Index"/> (1-based) of <see cref="Count"/>: a deterministic split of a run's prompts by
/// id.</summary>
public sealed record RunShard(int Index, int Count)
{
    /// <summary>As recorded in the run: <c>I/N</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"{Index}/{Count}");
}
