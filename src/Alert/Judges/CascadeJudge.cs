using System.Globalization;
using Alert.Plugins;
namespace Alert.Judges;

/// <summary>
/// A cheap judge decides when it is confident; the rest goes to a strong judge. Counts how many went
/// each way (<see cref="DecidedByFirst"/>, <see cref="Deferred"/>). As a guard's input check it judges the
/// request with each judge's own prompt classification.
/// </summary>
public sealed class CascadeJudge(ISafetyJudge first, ISafetyJudge second, double minConfidence = 0.85) : ISafetyJudge,
    IPromptJudge
{
    /// <summary><c>cascade:CHEAP,STRONG</c>.</summary>
    [AlertPlugin(Order = 60)]
    public static JudgeKind Kind { get; } = new(
        "cascade", "cascade:J1,J2", "The first judge decides when confident enough, else the second",
        (list, context) =>
        {
            var pair = JudgeRegistry.SplitList(list);
            if (pair.Count != 2)
                throw new AlertException(
                    $"bad judge 'cascade:{list}': a cascade takes two judges, 'cascade:CHEAP,STRONG'");
            return new CascadeJudge(context.Create(pair[0]), context.Create(pair[1]),
                context.Options.CascadeConfidence);
        })
    {
        TakesArgument = true,
        Combines = true,
        Validate = (list, options) =>
            JudgeRegistry.SplitList(list).Count != 2
                ? $"bad judge 'cascade:{list}': a cascade takes two judges, 'cascade:CHEAP,STRONG'"
            : options.CascadeConfidence is < 0.5 or > 1
                ? $"--cascade-confidence must be between 0.5 and 1 " +
                $"(got {options.CascadeConfidence.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : null,
        Example = "cascade:refusal,refusal",
        Options = [nameof(JudgeOptions.CascadeConfidence)],
    };

    private int _first;
    private int _deferred;

    /// <summary>The cascade's name: both judges and the confidence threshold.</summary>
    public string Name { get; } = string.Create(
        CultureInfo.InvariantCulture, $"cascade({first.Name} -> {second.Name} below confidence {minConfidence:0.##})");
    /// <summary>Responses the first judge decided so far.</summary>
    public int DecidedByFirst => Volatile.Read(ref _first);
    /// <summary>Responses passed on to the second judge so far.</summary>
    public int Deferred => Volatile.Read(ref _deferred);

    /// <inheritdoc />
    public Task<JudgeVerdict> JudgeAsync(string prompt, string response,
        CancellationToken cancellationToken = default) =>
        DecideAsync(j => j.JudgeAsync(prompt, response, cancellationToken));

    /// <inheritdoc />
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

    /// <inheritdoc />
    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }
}
