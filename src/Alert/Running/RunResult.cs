using Alert.Reporting;
using Alert.Scoring;

namespace Alert.Running;

/// <summary>What one invocation of a run did and where the run stands: its summary, scores, usage and the target's
/// health.</summary>
public sealed record RunResult(RunSummary Summary, SafetyScores Scores, RunUsage Usage)
{
    /// <summary>The target's health over this invocation (latency quantiles, retries, hedges, limits); null when
    /// nothing was sent.</summary>
    public RunHealth? Health { get; init; }

    /// <summary>What the Batch API generation did, when the run used it.</summary>
    public BatchSummary? Batch { get; init; }
}
