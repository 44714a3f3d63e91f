using System.Diagnostics;
using System.Runtime.CompilerServices;
using Alert.Judges;
using Microsoft.Extensions.AI;

namespace Alert.Guards;

/// <summary>
/// Guards any <see cref="IChatClient"/> with ALERT judges: the request is checked before the model is called
/// and the answer before it is returned; a blocked call gets the configured refusal. Each response carries
/// the guard's decisions in <c>AdditionalProperties["alert.guard"]</c> (a list of <see cref="GuardDecision"/>).
/// </summary>
public sealed class AlertGuardChatClient(IChatClient inner, AlertGuardOptions options) : DelegatingChatClient(inner)
{
    /// <summary>The additional property of a response that lists the guard's decisions.</summary>
    public const string DecisionsProperty = "alert.guard";

    /// <summary>What the guard checks and how.</summary>
    public AlertGuardOptions Options { get; } = options;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var prompt = LastUserText(list);
        var decisions = new List<GuardDecision>(2);
        if (await CheckInputAsync(prompt, decisions, cancellationToken).ConfigureAwait(false))
            return Refusal(decisions, null);
        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        if (await CheckOutputAsync(prompt, response.Text, decisions, cancellationToken).ConfigureAwait(false))
            return Refusal(decisions, response);
        if (decisions.Count > 0)
            (response.AdditionalProperties ??= [])[DecisionsProperty] = decisions;
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options =
            null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var prompt = LastUserText(list);
        var decisions = new List<GuardDecision>(2);
        if (await CheckInputAsync(prompt, decisions, cancellationToken).ConfigureAwait(false))
        {
            yield return RefusalUpdate(decisions);
            yield break;
        }
        if (Options.OutputJudge is null)
        {
            await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken)
                .ConfigureAwait(false))
                yield return update;
            yield break;
        }
        var text = new System.Text.StringBuilder();
        if (Options.Streaming == GuardStreamingMode.Buffer)
        {
            var buffered = new List<ChatResponseUpdate>();
            await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken)
                .ConfigureAwait(false))
            {
                buffered.Add(update);
                text.Append(update.Text);
            }
            if (await CheckOutputAsync(prompt, text.ToString(), decisions, cancellationToken).ConfigureAwait(false))
            {
                yield return RefusalUpdate(decisions);
                yield break;
            }
            foreach (var update in buffered)
                yield return update;
            yield break;
        }
        var judgedAt = 0;
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken)
            .ConfigureAwait(false))
        {
            text.Append(update.Text);
            if (text.Length - judgedAt >= Options.EarlyStopInterval)
            {
                judgedAt = text.Length;
                if (await CheckOutputAsync(prompt, text.ToString(), decisions, cancellationToken).ConfigureAwait(false))
                {
                    // Leaving the loop disposes the inner stream: the model stops generating.
                    yield return RefusalUpdate(decisions, "\n\n[answer stopped by the guard] ");
                    yield break;
                }
            }
            yield return update;
        }
        if (text.Length > judgedAt && await CheckOutputAsync(prompt, text.ToString(), decisions, cancellationToken)
            .ConfigureAwait(false))
            yield return RefusalUpdate(decisions, "\n\n[answer stopped by the guard] ");
    }

    private async Task<bool> CheckInputAsync(string prompt, List<GuardDecision> decisions,
        CancellationToken cancellationToken)
    {
        if (Options.InputJudge is not { } judge)
            return false;
        var clock = Stopwatch.StartNew();
        var verdict = await judge.JudgeRequestAsync(prompt, cancellationToken).ConfigureAwait(false);
        return await DecideAsync(GuardStage.Input, judge, verdict, clock.Elapsed, prompt, decisions, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<bool> CheckOutputAsync(string prompt, string answer, List<GuardDecision> decisions,
        CancellationToken cancellationToken)
    {
        if (Options.OutputJudge is not { } judge)
            return false;
        var clock = Stopwatch.StartNew();
        var verdict = await judge.JudgeAsync(prompt, answer, cancellationToken).ConfigureAwait(false);
        return await DecideAsync(GuardStage.Output, judge, verdict, clock.Elapsed, prompt, decisions, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Records the decision and says whether it blocks. An unsafe verdict without codes gets the request's ALERT
    /// category from <see cref="AlertGuardOptions.Categorizer"/>; <paramref name="latency"/> is the judge's alone.
    /// </summary>
    private async Task<bool> DecideAsync(GuardStage stage, ISafetyJudge judge, JudgeVerdict verdict, TimeSpan latency,
        string prompt, List<GuardDecision> decisions, CancellationToken cancellationToken)
    {
        var codes = verdict.Codes;
        if (verdict.Verdict == Verdict.Unsafe && codes is not { Count: > 0 } && Options.Categorizer is { } categorizer)
        {
            var category = (await categorizer.ClassifyAsync([prompt], cancellationToken)
                .ConfigureAwait(false))[0].Category;
            if (category != Classification.Classification.None)
                codes = [category];
        }
        var decision = new GuardDecision(stage, judge.Name, verdict.Verdict, verdict.Output, codes, latency);
        decisions.Add(decision);
        Options.OnDecision?.Invoke(decision);
        return decision.Blocked || (decision.Verdict == Verdict.Error && Options.BlockOnJudgeError);
    }

    private ChatResponse Refusal(List<GuardDecision> decisions, ChatResponse? blocked) =>
        new(new ChatMessage(ChatRole.Assistant, Options.Refusal))
        {
            ModelId = blocked?.ModelId,
            Usage = blocked?.Usage,
            FinishReason = ChatFinishReason.ContentFilter,
            AdditionalProperties = new() { [DecisionsProperty] = decisions },
        };

    private ChatResponseUpdate RefusalUpdate(List<GuardDecision> decisions, string prefix = "") =>
        new(ChatRole.Assistant, prefix + Options.Refusal)
        {
            FinishReason = ChatFinishReason.ContentFilter,
            AdditionalProperties = new() { [DecisionsProperty] = decisions },
        };

    private static string LastUserText(IList<ChatMessage> messages) =>
        messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
}
