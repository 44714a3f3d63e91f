using Alert.Benchmark;
using Alert.Storage;
using Alert.Targets;

namespace Alert.Running;

/// <summary>
/// What a run would do, worked out without sending anything: prompts, requests to the target and to
/// model judges, estimated tokens and, given prices, cost.
/// </summary>
public sealed record RunPlan(
    int Prompts, int AlreadyAnswered, int TargetRequests, int JudgeRequests,
    long InputTokens, long OutputTokensMax, long? OutputTokensExpected, double? CostMax, double? CostExpected)
{
    /// <summary>The name of the benchmark planned.</summary>
    public string Benchmark { get; init; } = "";

    /// <summary>A limit above the benchmark's size, said in one line (<see cref="BenchmarkSet.LimitNote"/>).</summary>
    public string? LimitNote { get; init; }

    /// <summary>Rough tokens of a text (about four characters a token for English), plus per-message
    /// overhead.</summary>
    public static long EstimateTokens(string text) => (text.Length + 3) / 4 + 4;

    /// <summary>What a run of <paramref name="benchmark"/> in <paramref name="runDirectory"/> would still
    /// send.</summary>
    public static async Task<RunPlan> ComputeAsync(
        BenchmarkSet benchmark, TargetOptions target, int modelJudgeCalls, TokenPrices? prices,
        string? runDirectory, CancellationToken cancellationToken = default)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        double? meanOutput = null;
        if (runDirectory is not null && File.Exists(Path.Combine(runDirectory, RunStore.FileName)))
        {
            await using var store = await RunStore.OpenReadOnlyAsync(runDirectory, cancellationToken)
                .ConfigureAwait(false);
            // A selection the run would refuse is refused here too: the plan says what the run will do.
            await store.NewPromptsAsync(benchmark, cancellationToken).ConfigureAwait(false);
            await foreach (var r in store.ReadResultsAsync("", cancellationToken).ConfigureAwait(false))
            {
                if (r.Response is { Error: null })
                    answered.Add(r.Key);
            }
            var (requests, _, output) = await store.ReadUsageAsync(cancellationToken).ConfigureAwait(false);
            if (requests > 0 && output > 0)
                meanOutput = (double)output / requests;
        }
        var system = target.SystemPrompt is { Length: > 0 } s ? EstimateTokens(s) : 0;
        long input = 0;
        var toRequest = 0;
        foreach (var p in benchmark.Prompts)
        {
            if (answered.Contains(p.Key))
                continue;
            toRequest++;
            input += system + EstimateTokens(target.SendRaw ? p.Prompt.Prompt : p.Prompt.Text);
        }
        var outputMax = (long)toRequest * target.MaxOutputTokens;
        long? outputExpected = meanOutput is { } m ? (long)Math.Round(m * toRequest) : null;
        return new RunPlan(benchmark.Prompts.Count, answered.Count, toRequest, toRequest * modelJudgeCalls, input,
            outputMax, outputExpected,
            prices?.Cost(input, outputMax), outputExpected is { } e && prices is not null ? prices.Cost(input, e)
                : null)
        { Benchmark = benchmark.Name, LimitNote = benchmark.LimitNote };
    }

    /// <summary>
    /// Whether a run in <paramref name="runDirectory"/> has prompts left to ask the target (the runner's own rule:
    /// no response yet, or an error response when <paramref name="retryErrors"/>); false means the stages left
    /// (judging, scoring, reporting) need no target at all.
    /// </summary>
    public static async Task<bool> NeedsTargetAsync(
        BenchmarkSet benchmark, string runDirectory, bool retryErrors, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(runDirectory, RunStore.FileName)))
            return benchmark.Prompts.Count > 0;
        var responded = new HashSet<string>(StringComparer.Ordinal);
        await using (var store = await RunStore.OpenReadOnlyAsync(runDirectory, cancellationToken)
            .ConfigureAwait(false))
        {
            await foreach (var r in store.ReadResultsAsync("", cancellationToken).ConfigureAwait(false))
            {
                if (r.Response is { } response && !(retryErrors && response.Error is not null))
                    responded.Add(r.Key);
            }
        }
        return benchmark.Prompts.Any(p => !responded.Contains(p.Key));
    }
}
