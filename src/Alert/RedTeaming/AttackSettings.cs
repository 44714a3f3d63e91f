namespace Alert.RedTeaming;

/// <summary>The caps and knobs of an adaptive attack run, with their defaults in one place.</summary>
public sealed record AttackSettings
{
    /// <summary>Most target calls per goal (for Best-of-N, N).</summary>
    public int MaxTargetQueries { get; init; } = 50;

    /// <summary>Most attacker calls per goal; null is four per target call (room for regenerations).</summary>
    public int? MaxAttackerQueries { get; init; }

    /// <summary>The attacker cap in force.</summary>
    public int AttackerCap => MaxAttackerQueries ?? 4 * MaxTargetQueries;

    /// <summary>PAIR's parallel streams (JailbreakBench's PAIR artifacts: 30 streams x 3 iterations).</summary>
    public int Streams { get; init; } = 30;

    /// <summary>PAIR's iterations per stream.</summary>
    public int Iterations { get; init; } = 3;

    /// <summary>Exchanges of a stream's history the attacker sees (Chao et al.: keep_last_n 4).</summary>
    public int KeepLastExchanges { get; init; } = 4;

    /// <summary>TAP's branches per live node (Mehrotra et al. 2023: 4).</summary>
    public int Branching { get; init; } = 4;

    /// <summary>TAP's nodes kept per level (10).</summary>
    public int Width { get; init; } = 10;

    /// <summary>TAP's levels (10).</summary>
    public int Depth { get; init; } = 10;

    /// <summary>Crescendo's most turns (Russinovich et al.; PyRIT: 10).</summary>
    public int MaxTurns { get; init; } = 10;

    /// <summary>Crescendo's most backtracks after refusals (PyRIT: 10).</summary>
    public int MaxBacktracks { get; init; } = 10;

    /// <summary>Regenerations of an attacker answer that is not usable JSON, or a refusal.</summary>
    public int AttackerRetries { get; init; } = 3;

    /// <summary>Seeds every random choice (Best-of-N's perturbations): the same seed makes the same attacks.</summary>
    public long Seed { get; init; }

    /// <summary>Best-of-N's perturbation strength (Hughes et al. 2024 use 0.4).</summary>
    public double Sigma { get; init; } = 0.4;

    /// <summary>
    /// Many-shot jailbreaking's shots per attempt (Anil et al. 2024 report success rising as a power law in the shots,
    /// up to 256; PyRIT's many-shot attack uses 100 examples).
    /// </summary>
    public int Shots { get; init; } = 32;

    /// <summary>
    /// Most new target calls in this invocation (over all goals); when spent, goals in progress stop where they are and
    /// resume on the next invocation (their completed calls are replayed). Null: no budget.
    /// </summary>
    public long? MaxRequests { get; init; }

    /// <summary>
    /// Whether the attacker's task names the target string, the opening of a jailbroken answer ("Sure, here is ..."),
    /// as Chao et al.'s PAIR and JailbreakBench do.
    /// </summary>
    public bool TargetString { get; init; }

    /// <summary>Goals attacked at once.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>As recorded in the run: a run directory holds one attack configuration.</summary>
    public string Identity(string method) => SharedIdentity(method) + MethodIdentity(method);

    /// <summary>Method-specific knobs, for their method only: other runs keep the identity they had.</summary>
    private string MethodIdentity(string method) =>
        method == ManyShotAttack.MethodName ? FormattableString.Invariant($";shots={Shots}") : "";

    private string SharedIdentity(string method) =>
        FormattableString.Invariant(
            $"method={method};max_target_queries={MaxTargetQueries};max_attacker_queries={AttackerCap};seed={Seed};")
        + FormattableString.Invariant(
            $"sigma={Sigma};streams={Streams};iterations={Iterations};keep_last={KeepLastExchanges};turns={MaxTurns};")
        + FormattableString.Invariant($"backtracks={MaxBacktracks};tap={Branching}/{Width}/{Depth}");
}
