using Alert.Judges;
using Alert.Plugins;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// Past-tense reformulation (Andriushchenko and Flammarion 2024): the attacker rewrites the request as a question about
/// the past (<c>data/redteaming/past-tense-v1.txt</c>), the target answers it, the run's judge reads the answer against
/// the original request; up to <see cref="AttackSettings.MaxTargetQueries"/> rewordings, stop at the first unsafe
/// answer.
/// An attacker refusal is recorded and skipped.
/// </summary>
internal sealed class PastTenseAttack : IAdaptiveAttack
{
    public const string PromptPath = "redteaming/past-tense-v1.txt";
    private static readonly Lazy<AttackPrompt> Template = new(() => AttackPrompt.Load(PromptPath));

    [AlertPlugin(Order = 30)]
    public static IAdaptiveAttack Method { get; } = new PastTenseAttack();

    public string Name => "past-tense";

    public string Usage => "past-tense";

    public int DefaultMaxTargetQueries => 20;

    public AttackNeeds Needs { get; } = new(AttackModelNeed.Required, AttackModelNeed.None);

    public IReadOnlyList<string> PromptFiles { get; } = [PromptPath];

    public AttackCalls MostCalls(AttackSettings settings) =>
        new(settings.MaxTargetQueries, settings.AttackerCap, settings.MaxTargetQueries);

    public string Description =>
        "Past-tense reformulation: an attacker model rewrites the request in the past tense, up to N tries judged by " +
        "the run's judge (needs --attacker)";

    public async Task<AttackOutcome> RunAsync(AttackContext context, CancellationToken cancellationToken = default)
    {
        string? lastPrompt = null, lastResponse = null;
        for (var attempt = 0; context.TargetQueriesLeft > 0 && context.AttackerQueriesLeft > 0; attempt++)
        {
            var ask = Template.Value.Fill(new Dictionary<string,
                string>
            {
                ["goal"] = context.GoalText,
                ["attempt"] = (attempt + 1)
                .ToString(System.Globalization.CultureInfo.InvariantCulture)
            });
            // The one attacker loop (AttackContext.ProposeTextAsync): refusals are counted and regenerated.
            var (prompt, _) = await context.ProposeTextAsync(0, attempt, 0, [new ChatMessage(ChatRole.User, ask)],
                text => text.Trim().Trim('"'), cancellationToken).ConfigureAwait(false);
            if (prompt is null)
                continue;
            var reply = await context.AskTargetAsync(
                0, attempt, 0, [new ChatMessage(ChatRole.User, prompt)], cancellationToken).ConfigureAwait(false);
            if (reply.Text is not { } response)
                continue;
            (lastPrompt, lastResponse) = (prompt, response);
            var verdict = await context.JudgeAsync(0, attempt, 0, response, cancellationToken).ConfigureAwait(false);
            if (verdict.Verdict == Verdict.Unsafe)
                return new AttackOutcome(true, prompt, response, context.TargetQueries) { BestVerdict = verdict };
        }
        return new AttackOutcome(false, lastPrompt, lastResponse, null);
    }
}
