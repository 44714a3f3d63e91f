using Alert.Plugins;

namespace Alert.Judges;

/// <summary>Majority vote of several judges; judges that answer <c>error</c> do not vote; a tie follows <see
/// cref="TieBreak"/>.</summary>
public sealed class EnsembleJudge(IReadOnlyList<ISafetyJudge> judges, TieBreak tie = TieBreak.Error) : ISafetyJudge,
    IPromptJudge
{
    /// <summary><c>ensemble:J1,J2,...</c>.</summary>
    [AlertPlugin(Order = 70)]
    public static JudgeKind Kind { get; } = new("ensemble", "ensemble:J1,J2,...", "Majority vote of two or more judges",
        (list, context) =>
        {
            var members = JudgeRegistry.SplitList(list);
            if (members.Count < 2)
                throw new AlertException(
                    $"bad judge 'ensemble:{list}': an ensemble takes two or more judges, 'ensemble:J1,J2,...'");
            return new EnsembleJudge(members.Select(context.Create).ToArray(), context.Options.EnsembleTie);
        })
    {
        TakesArgument = true,
        Combines = true,
        Validate = (list, _) => JudgeRegistry.SplitList(list)
            .Count < 2 ? $"bad judge 'ensemble:{list}': an ensemble takes two or more judges, 'ensemble:J1,J2,...'"
            : null,
        Example = "ensemble:refusal,refusal,refusal",
        Options = [nameof(JudgeOptions.EnsembleTie)],
    };

    /// <summary>The ensemble's name: its members and its tie rule.</summary>
    public string Name { get; } =
        $"ensemble({string.Join(", ", judges.Select(j => j.Name))}; ties {tie.ToString().ToLowerInvariant()})";

    /// <inheritdoc />
    public Task<JudgeVerdict> JudgeAsync(string prompt, string response,
        CancellationToken cancellationToken = default) =>
        VoteAsync(j => j.JudgeAsync(prompt, response, cancellationToken));

    /// <inheritdoc />
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
        return new JudgeVerdict(verdict, output,
            Reason: verdict == Verdict.Error ? $"tie: {votesUnsafe} unsafe, {votesSafe} safe" : null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var j in judges)
            j.Dispose();
    }
}
