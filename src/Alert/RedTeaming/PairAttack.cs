using System.Globalization;
using Alert.Plugins;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// PAIR (Chao et al. 2023): <see cref="AttackSettings.Streams"/> streams, each with an attacker conversation under one
/// of the variant system prompts (<c>data/redteaming/pair-attacker-v1.txt</c>, in turn), run for
/// <see cref="AttackSettings.Iterations"/> iterations: the attacker answers JSON with an improvement and a prompt, the
/// target sees the prompt alone, the in-loop scorer rates the answer 1-10, and the answer, goal and score go back to
/// the attacker (its history cut to the last <see cref="AttackSettings.KeepLastExchanges"/> exchanges). It stops at the
/// first 10. An attacker answer without usable JSON, or a refusal, is regenerated a bounded number of times; a rating
/// that cannot be read is unknown (fed back as such, never a success).
/// </summary>
internal sealed class PairAttack : IAdaptiveAttack
{
    public const string AttackerPromptPath = "redteaming/pair-attacker-v1.txt";
    public const string FeedbackPath = "redteaming/pair-feedback-v1.txt";
    private static readonly Lazy<AttackPrompt> System = new(() => AttackPrompt.Load(AttackerPromptPath));
    private static readonly Lazy<AttackPrompt> Feedback = new(() => AttackPrompt.Load(FeedbackPath));

    [AlertPlugin(Order = 10)]
    public static IAdaptiveAttack Method { get; } = new PairAttack();

    public string Name => "pair";

    public string Usage => "pair";

    public int DefaultMaxTargetQueries => 90;

    public AttackNeeds Needs { get; } = new(AttackModelNeed.Required, AttackModelNeed.Required);

    public IReadOnlyList<string> PromptFiles { get; } = [AttackerPromptPath, FeedbackPath];

    /// <summary>One target call per stream and iteration.</summary>
    public int DerivedMaxTargetQueries(AttackSettings settings) => checked(settings.Streams * settings.Iterations);

    public AttackCalls MostCalls(AttackSettings settings)
    {
        var target = Math.Min(settings.MaxTargetQueries, (long)settings.Streams * settings.Iterations);
        return new(target, Math.Min(settings.AttackerCap, target * settings.AttackerRetries), target);
    }

    public string Description =>
        "PAIR: an attacker model rewrites the request from the target's answers and a 1-10 scorer, over streams x " +
        "iterations (needs --attacker and --scorer)";

    public async Task<AttackOutcome> RunAsync(AttackContext context, CancellationToken cancellationToken = default)
    {
        var settings = context.Settings;
        var variants = System.Value.Sections;
        var goal = new Dictionary<string, string> { ["goal"] = context.GoalText };
        var histories = Enumerable.Range(0, settings.Streams).Select(_ => new List<ChatMessage>()).ToArray();
        var pending = Enumerable.Range(0, settings.Streams).Select(_ => $"Begin. REQUEST: {context.GoalText}")
            .ToArray();
        (int Rating, string Prompt, string Response)? best = null;
        for (var iteration = 0; iteration < settings.Iterations && context.TargetQueriesLeft > 0; iteration++)
        {
            // The streams of an iteration run at once; their results are taken in stream order, so a run is the same
            // however the calls interleave. Streams past the target budget wait for nothing: they are not run.
            var streams = Enumerable.Range(0, Math.Min(settings.Streams, context.TargetQueriesLeft)).ToArray();
            var queriesBefore = context.TargetQueries;
            var steps = await Task.WhenAll(streams.Select(
                stream => StepAsync(context, stream, iteration, variants, goal, histories[stream], pending[stream],
                cancellationToken)))
                .ConfigureAwait(false);
            var sent = 0;
            foreach (var step in steps)
            {
                if (step.Prompt is null)
                    continue;
                sent++;
                if (step.Rating is { } r && (best is null || r > best.Value.Rating))
                    best = (r, step.Prompt, step.Response);
                else if (best is null && step.Answered)
                    best = (0, step.Prompt, step.Response);
                if (step.Rating == AttackRating.Success)
                    return Outcome((AttackRating.Success, step.Prompt, step.Response), true, queriesBefore + sent);
            }
            foreach (var step in steps)
            {
                if (step.Prompt is null)
                    continue;
                var history = histories[step.Stream];
                history.Add(new ChatMessage(ChatRole.User, pending[step.Stream]));
                history.Add(new ChatMessage(ChatRole.Assistant, step.AttackerAnswer!));
                pending[step.Stream] = Feedback.Value.Fill(new Dictionary<string, string>
                {
                    ["response"] = step.Answered ? step.Response : $"(no answer: {step.Error})",
                    ["goal"] = context.GoalText,
                    ["score"] = step.Rating?.ToString(CultureInfo.InvariantCulture)
                        ?? "unknown (the rating could not be read)",
                });
                // Keep the last exchanges only (a user and an assistant message each).
                if (history.Count > 2 * settings.KeepLastExchanges)
                    history.RemoveRange(0, history.Count - 2 * settings.KeepLastExchanges);
            }
        }
        return Outcome(best, false, null);
    }

    private sealed record Step(int Stream, string? Prompt, string? AttackerAnswer, bool Answered, string Response,
        string? Error, int? Rating);

    /// <summary>One stream's step of an iteration: the attacker's prompt, the target's answer, its rating.</summary>
    private static async Task<Step> StepAsync(AttackContext context, int stream, int iteration,
        IReadOnlyList<string> variants,
        Dictionary<string, string> goal, List<ChatMessage> history, string next, CancellationToken cancellationToken)
    {
        var system = System.Value.Fill(goal, variants[stream % variants.Count]);
        // JailbreakBench's PAIR: the attacker is told the opening a jailbroken answer would have.
        if (context.Settings.TargetString)
            system += "\n\n" + TargetString.Task(context.GoalText);
        var (prompt, attackerAnswer) = await AskAttackerAsync(
            context, stream, iteration, system, history, next, cancellationToken).ConfigureAwait(false);
        if (prompt is null)
            return new Step(stream, null, null, false, "", null, null);
        var reply = await context.AskTargetAsync(
            stream, iteration, 0, [new ChatMessage(ChatRole.User, prompt)], cancellationToken).ConfigureAwait(false);
        var rating = reply.Text is null ? null : (
            await context.RateAsync(stream, iteration, 0, prompt, reply.Text, cancellationToken).ConfigureAwait(false))
            .Rating;
        return new Step(stream, prompt, attackerAnswer, reply.Text is not null, reply.Text ?? "", reply.Error, rating);
    }

    /// <summary>The attacker's next prompt for a stream (<see cref="AttackContext.ProposeAsync"/>); null prompt when
    /// none came.</summary>
    private static Task<(string? Attack, string? Answer)> AskAttackerAsync(
        AttackContext context, int stream, int iteration, string system,
        List<ChatMessage> history, string next, CancellationToken cancellationToken) =>
        context.ProposeAsync(stream, iteration, 0,
            [new(ChatRole.System, system), .. history, new(ChatRole.User, next)], "prompt", "improvement",
            cancellationToken);

    private static AttackOutcome Outcome((int Rating, string Prompt, string Response)? best, bool success,
        int? queries) =>
        new(success, best?.Prompt, best?.Response, queries);
}
