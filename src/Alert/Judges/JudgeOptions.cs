namespace Alert.Judges;

/// <summary>Options for judges that call a model.</summary>
public sealed record JudgeOptions
{
    /// <summary>Server for the judge model; null means OpenAI's API.</summary>
    public string? BaseUrl { get; init; }
    /// <summary>Llama Guard prompt version: one of <see cref="LlamaGuardJudge.PromptVersions"/>, v1 (the paper's) by
    /// default.</summary>
    public string LlamaGuardVersion { get; init; } = "v1";
    /// <summary>How the Llama Guard task reaches the server: rendered here as one message, or as a
    /// conversation.</summary>
    public LlamaGuardMode LlamaGuardMode { get; init; } = LlamaGuardMode.Rendered;
    /// <summary><c>default</c> (the version's own categories), or a policy from the ALERT taxonomy: <c>alert-macro</c>,
    /// <c>alert-micro</c>.</summary>
    public string LlamaGuardPolicy { get; init; } = "default";
    /// <summary>The judge server's key, used for requests only: never stored, and left out of <see
    /// cref="ToString"/>.</summary>
    public string? ApiKey { get; init; }
    /// <summary>Time allowed for one judge request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Attempts per judge request, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;
    /// <summary>The first retry's delay; later ones back off from it.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>A cascade's first judge decides when at least this confident.</summary>
    public double CascadeConfidence { get; init; } = 0.85;
    /// <summary>What an ensemble's tied vote becomes.</summary>
    public TieBreak EnsembleTie { get; init; } = TieBreak.Error;
    /// <summary>Most judge requests in flight per judge server.</summary>
    public int MaxConcurrency { get; init; } = 64;
    /// <summary>The shared answer cache for model judges (null: none).</summary>
    public Caching.ResponseCache? Cache { get; init; }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"BaseUrl = {BaseUrl}, LlamaGuardVersion = {LlamaGuardVersion}, LlamaGuardMode = {LlamaGuardMode}, ");
        builder.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"LlamaGuardPolicy = {LlamaGuardPolicy}, ");
        builder.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"RequestTimeout = {RequestTimeout}, MaxAttempts = {MaxAttempts}, MaxConcurrency = {MaxConcurrency}, ");
        builder.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"ApiKey = {(ApiKey is null ? "none" : "[redacted]")}");
        return true;
    }
}
