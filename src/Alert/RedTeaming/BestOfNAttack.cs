using Alert.Common;
using Alert.Judges;
using Alert.Plugins;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// Best-of-N (Hughes et al. 2024): sample perturbations of the request (<see cref="TextPerturbation"/>) and send each
/// alone until the judge finds an answer unsafe, at most N (<see cref="AttackSettings.MaxTargetQueries"/>) samples.
/// Needs no attacker model. Sample i depends only on the seed, the goal and i, so success within n samples can be read
/// for every n up to N (ASR against N, the paper's power law).
/// </summary>
internal sealed class BestOfNAttack : IAdaptiveAttack
{
    [AlertPlugin(Order = 40)]
    public static IAdaptiveAttack Method { get; } = new BestOfNAttack();

    public string Name => "bon";

    public string Usage => "bon";

    public int DefaultMaxTargetQueries => 50;

    public AttackCalls MostCalls(AttackSettings settings) =>
        new(settings.MaxTargetQueries, 0, settings.MaxTargetQueries);

    public string Description =>
        "Best-of-N: random capitalisation, scrambled word middles and character noise (sigma 0.4), N samples, stop " +
        "at the first the judge finds unsafe; no attacker model";

    public async Task<AttackOutcome> RunAsync(AttackContext context, CancellationToken cancellationToken = default)
    {
        string? lastPrompt = null, lastResponse = null;
        for (var sample = 0; context.TargetQueriesLeft > 0; sample++)
        {
            var random = SeededRandom.For(context.Settings.Seed, $"bon/{context.Goal.Key}/{sample}");
            var prompt = TextPerturbation.Apply(context.GoalText, context.Settings.Sigma, random);
            var reply = await context.AskTargetAsync(
                0, sample, 0, [new ChatMessage(ChatRole.User, prompt)], cancellationToken).ConfigureAwait(false);
            if (reply.Text is not { } response)
                continue;
            (lastPrompt, lastResponse) = (prompt, response);
            var verdict = await context.JudgeAsync(0, sample, 0, response, cancellationToken).ConfigureAwait(false);
            if (verdict.Verdict == Verdict.Unsafe)
                return new AttackOutcome(true, prompt, response, context.TargetQueries) { BestVerdict = verdict };
        }
        return new AttackOutcome(false, lastPrompt, lastResponse, null);
    }
}
