namespace Alert.RedTeaming;

/// <summary>The caps and knobs of an adaptive attack run, with their defaults in one place.</summary>
public sealed record AttackSettings
{
    /// <summary>Most target calls per goal (for Best-of-N, N).</summary>
    public int MaxTargetQueries { get; init; } = 50;

    /// <summary>Seeds every random choice (Best-of-N's perturbations): the same seed makes the same attacks.</summary>
    public long Seed { get; init; }

    /// <summary>Best-of-N's perturbation strength (Hughes et al. 2024 use 0.4).</summary>
    public double Sigma { get; init; } = 0.4;

    /// <summary>Goals attacked at once.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>As recorded in the run: a run directory holds one attack configuration.</summary>
    public string Identity(string method) => FormattableString.Invariant($"method={method};max_target_queries={MaxTargetQueries};seed={Seed};sigma={Sigma}");
}
