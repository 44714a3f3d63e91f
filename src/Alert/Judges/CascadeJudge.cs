using System.Globalization;
namespace Alert.Judges;

/// <summary>
/// A cheap judge decides when it is confident; the rest goes to a strong judge. Counts how many went
/// each way (<see cref="DecidedByFirst"/>, <see cref="Deferred"/>). As a guard's input check it judges the
/// request with each judge's own prompt classification.
/// </summary>
public sealed class CascadeJudge(ISafetyJudge first, ISafetyJudge second, double minConfidence = 0.85) : ISafetyJudge, IPromptJudge, IDisposable
{
    private int _first;
    private int _deferred;

    public string Name { get; } = string.Create(CultureInfo.InvariantCulture, $"cascade({first.Name} -> {second.Name} below confidence {minConfidence:0.##})");
    public int DecidedByFirst => Volatile.Read(ref _first);
    public int Deferred => Volatile.Read(ref _deferred);

    public Task<JudgeVerdict> JudgeAsync(string prompt, string response, CancellationToken cancellationToken = default) =>
        DecideAsync(j => j.JudgeAsync(prompt, response, cancellationToken));

    public Task<JudgeVerdict> JudgePromptAsync(string prompt, CancellationToken cancellationToken = default) =>
        DecideAsync(j => j.JudgeRequestAsync(prompt, cancellationToken));

    private async Task<JudgeVerdict> DecideAsync(Func<ISafetyJudge, Task<JudgeVerdict>> judge)
    {
        var cheap = await judge(first).ConfigureAwait(false);
        if (cheap.Verdict != Verdict.Error && (cheap.Confidence ?? 1) >= minConfidence)
        {
            Interlocked.Increment(ref _first);
            return cheap with { Output = "[first] " + cheap.Output };
        }
        Interlocked.Increment(ref _deferred);
        var strong = await judge(second).ConfigureAwait(false);
        return strong with { Output = "[second] " + strong.Output };
    }

    public void Dispose()
    {
        (first as IDisposable)?.Dispose();
        (second as IDisposable)?.Dispose();
    }
}

/// <summary>How an ensemble settles a tie.</summary>
public enum TieBreak
{
    Error,
    Safe,
    Unsafe,
}

/// <summary>Majority vote of several judges; judges that answer <c>error</c> do not vote; a tie follows <see cref="TieBreak"/>.</summary>
public sealed class EnsembleJudge(IReadOnlyList<ISafetyJudge> judges, TieBreak tie = TieBreak.Error) : ISafetyJudge, IPromptJudge, IDisposable
{
    public string Name { get; } = $"ensemble({string.Join(", ", judges.Select(j => j.Name))}; ties {tie.ToString().ToLowerInvariant()})";

    public Task<JudgeVerdict> JudgeAsync(string prompt, string response, CancellationToken cancellationToken = default) =>
        VoteAsync(j => j.JudgeAsync(prompt, response, cancellationToken));

    public Task<JudgeVerdict> JudgePromptAsync(string prompt, CancellationToken cancellationToken = default) =>
        VoteAsync(j => j.JudgeRequestAsync(prompt, cancellationToken));

    private async Task<JudgeVerdict> VoteAsync(Func<ISafetyJudge, Task<JudgeVerdict>> judge)
    {
        var verdicts = await Task.WhenAll(judges.Select(judge)).ConfigureAwait(false);
        var votesUnsafe = verdicts.Count(v => v.Verdict == Verdict.Unsafe);
        var votesSafe = verdicts.Count(v => v.Verdict == Verdict.Safe);
        var output = string.Join(" | ", verdicts.Select((v, i) => $"{i + 1}: {v.Verdict.ToWire()}"));
        var verdict = votesUnsafe > votesSafe ? Verdict.Unsafe
            : votesSafe > votesUnsafe ? Verdict.Safe
            : tie switch { TieBreak.Safe => Verdict.Safe, TieBreak.Unsafe => Verdict.Unsafe, _ => Verdict.Error };
        return new JudgeVerdict(verdict, output, Reason: verdict == Verdict.Error ? $"tie: {votesUnsafe} unsafe, {votesSafe} safe" : null);
    }

    public void Dispose()
    {
        foreach (var j in judges)
            (j as IDisposable)?.Dispose();
    }
}
