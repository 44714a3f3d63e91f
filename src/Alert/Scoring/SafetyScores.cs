namespace Alert.Scoring;

/// <summary>
/// Scores per micro category (all 32, in taxonomy order), macro category, attack type and overall, under
/// a policy: categories it excludes keep their counts but count nowhere else.
/// </summary>
public sealed record SafetyScores(
    ScoreCell Overall,
    IReadOnlyDictionary<string, ScoreCell> Macros,
    IReadOnlyDictionary<string, ScoreCell> Categories,
    IReadOnlyDictionary<string, ScoreCell> AttackTypes)
{
    /// <summary>The policy the scores were computed under.</summary>
    public SafetyPolicy Policy { get; init; } = SafetyPolicy.Full;
    /// <summary>Prompts without an attack (the ALERT base set).</summary>
    public ScoreCell Plain { get; init; } = ScoreCell.Empty;
    /// <summary>Adversarial prompts (ALERT_Adv and other attacks).</summary>
    public ScoreCell Adversarial { get; init; } = ScoreCell.Empty;
    /// <summary>Per category, the adversarial prompts only (the plain ones are <see cref="Categories"/> minus
    /// these).</summary>
    public IReadOnlyDictionary<string, ScoreCell> AdversarialCategories { get; init; } =
        new Dictionary<string, ScoreCell>();
    /// <summary>Benign look-alikes, per category and overall (empty when the run had none).</summary>
    public IReadOnlyDictionary<string, RefusalCell> BenignCategories { get; init; } =
        new Dictionary<string, RefusalCell>();
    /// <summary>Refusal counts on the benign prompts (over-refusal).</summary>
    public RefusalCell Benign { get; init; } = RefusalCell.Empty;
    /// <summary>For a guarded target: the calls its guard blocked (all categories, whatever the policy).</summary>
    public GuardBlocks Guard { get; init; } = GuardBlocks.Empty;

    /// <summary>
    /// Per language (English first, then by tag), the scores of that language's prompts: empty unless the run has a
    /// language other than English.
    /// </summary>
    public IReadOnlyDictionary<string, SafetyScores> Languages { get; init; } = new Dictionary<string, SafetyScores>();
    /// <summary>Cross-language consistency; null unless the run has more than one language.</summary>
    public LanguageConsistency? Consistency { get; init; }

    /// <summary>Whether the policy leaves this category out.</summary>
    public bool Excluded(string category) => !Policy.Includes(category);
}
