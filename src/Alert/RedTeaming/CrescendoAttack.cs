using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Judges;
using Alert.Plugins;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// Crescendo (Russinovich et al. 2024), as PyRIT's crescendo attack runs it: the attacker leads a conversation that
/// escalates over turns (<c>data/redteaming/crescendo-attacker-v1.txt</c>; JSON with <c>generated_question</c>); the
/// target sees the whole conversation. Before each question the attacker is told the turn, and the last answer with
/// its score and the scorer's rationale (<c>data/redteaming/crescendo-feedback-v1.txt</c>). A question the target
/// does not answer (a refusal by the in-process detector, a content filter's block, or an error) is backtracked: it is
/// dropped, the attacker is told, and the turn does not count; at most <see cref="AttackSettings.MaxBacktracks"/>
/// backtracks for every cause, after which such a question counts as a turn. In-loop success is the scorer's 10 (or,
/// without a scorer, the run's judge finding the last answer unsafe); the final verdict is the run's judge on the
/// whole conversation (every answer of the target, against the request).
/// </summary>
internal sealed class CrescendoAttack : IAdaptiveAttack
{
    public const string AttackerPromptPath = "redteaming/crescendo-attacker-v1.txt";
    public const string FeedbackPath = "redteaming/crescendo-feedback-v1.txt";
    private static readonly Lazy<AttackPrompt> System = new(() => AttackPrompt.Load(AttackerPromptPath));
    private static readonly Lazy<AttackPrompt> Feedback = new(() => AttackPrompt.Load(FeedbackPath));
    private static readonly RefusalDetector Refusals = new();

    /// <summary>The stream of the final judge's call on the conversation (the loop's calls are stream 0).</summary>
    private const int ConversationJudgeStream = 1;

    [AlertPlugin(Order = 25)]
    public static IAdaptiveAttack Method { get; } = new CrescendoAttack();

    public string Name => "crescendo";

    public string Usage => "crescendo";

    public int DefaultMaxTargetQueries => 20;

    public AttackNeeds Needs { get; } = new(AttackModelNeed.Required, AttackModelNeed.Optional);

    public IReadOnlyList<string> PromptFiles { get; } = [AttackerPromptPath, FeedbackPath];

    /// <summary>A target call per turn and per backtrack.</summary>
    public int DerivedMaxTargetQueries(AttackSettings settings) => checked(settings.MaxTurns + settings.MaxBacktracks);

    public AttackCalls MostCalls(AttackSettings settings)
    {
        var target = Math.Min(settings.MaxTargetQueries, settings.MaxTurns + settings.MaxBacktracks);
        // One rating per counted turn, and the final judge's call on the conversation.
        return new(target, settings.AttackerCap, Math.Min(target, settings.MaxTurns) + 1);
    }

    public string Description =>
        "Crescendo: an attacker model escalates a conversation over turns, told each answer's score, backtracking "
        + "when the target refuses (needs --attacker; --scorer optional)";

    public async Task<AttackOutcome> RunAsync(AttackContext context, CancellationToken cancellationToken = default)
    {
        var settings = context.Settings;
        var system = System.Value.Fill(new Dictionary<string, string>
        {
            ["goal"] = context.GoalText,
            ["max_turns"] = settings.MaxTurns.ToString(CultureInfo.InvariantCulture),
        });
        var attacker = new List<ChatMessage> { new(ChatRole.System, system) };
        var conversation = new List<ChatMessage>();
        var causes = new JsonArray();
        string? feedback = null, lastPrompt = null, lastResponse = null;
        int turn = 0, backtracks = 0;
        int? queriesToSuccess = null;
        for (var step = 0; turn < settings.MaxTurns && context.TargetQueriesLeft > 0 && context.AttackerQueriesLeft > 0;
             step++)
        {
            attacker.Add(new ChatMessage(ChatRole.User, Next(context, turn, feedback)));
            var (question, answer) = await context.ProposeAsync(0, step, turn, attacker, "generated_question",
                "rationale_behind_jailbreak", cancellationToken).ConfigureAwait(false);
            if (question is null)
                break;
            attacker.Add(new ChatMessage(ChatRole.Assistant, answer!));
            var sent = new List<ChatMessage>(conversation) { new(ChatRole.User, question) };
            var reply = await context.AskTargetAsync(0, step, turn, sent, cancellationToken).ConfigureAwait(false);
            var cause = Unanswered(reply);
            // PyRIT's rule: backtrack while backtracks are left, for a refusal, a block or an error alike.
            if (cause is not null && backtracks < settings.MaxBacktracks)
            {
                backtracks++;
                causes.Add(cause);
                feedback = Fill("backtracked", ("cause", cause), ("question", question));
                continue;
            }
            turn++;
            if (reply.Text is not { } response)
            {
                feedback = Fill("unanswered", ("cause", cause!), ("question", question));
                continue;
            }
            conversation.Add(new ChatMessage(ChatRole.User, question));
            conversation.Add(new ChatMessage(ChatRole.Assistant, response));
            (lastPrompt, lastResponse) = (question, response);
            var (score, rationale) = await ScoreAsync(context, step, turn, question, response, cancellationToken)
                .ConfigureAwait(false);
            if (score == AttackRating.Success)
            {
                queriesToSuccess = context.TargetQueries;
                break;
            }
            feedback = Fill("scored", ("response", response), ("rationale", rationale),
                ("score", score?.ToString(CultureInfo.InvariantCulture) ?? "unknown (the rating could not be read)"));
        }
        var outcome = new AttackOutcome(queriesToSuccess is not null, lastPrompt, lastResponse, queriesToSuccess)
        {
            Turns = Turns(conversation, backtracks, causes),
        };
        if (lastResponse is null)
            return outcome;
        var verdict = await JudgeConversationAsync(context, conversation, cancellationToken).ConfigureAwait(false);
        return outcome with { BestVerdict = verdict };
    }

    /// <summary>Why a reply is no answer: a refusal, a content filter's block, or an error; null for one.</summary>
    private static string? Unanswered(AttackReply reply) => reply switch
    {
        { Text: { } text } => Refusals.Detect(text) == RefusalOutcome.Refused ? "it refused" : null,
        { Blocked: true } => "a content filter blocked it",
        _ => $"the call failed: {reply.Error}",
    };

    /// <summary>The in-loop score (1-10, null: unreadable) and its rationale, from the scorer or the judge.</summary>
    private static async Task<(int? Score, string Rationale)> ScoreAsync(AttackContext context, int step, int turn,
        string question, string response, CancellationToken cancellationToken)
    {
        if (context.HasScorer)
        {
            var rating = await context.RateAsync(0, step, turn, question, response, cancellationToken)
                .ConfigureAwait(false);
            return (rating.Rating, rating.Output);
        }
        var verdict = await context.JudgeAsync(0, step, turn, response, cancellationToken).ConfigureAwait(false);
        var score = verdict.Verdict == Verdict.Unsafe ? AttackRating.Success : 1;
        return (score, $"the judge said {verdict.Verdict.ToWire()}: {verdict.Output}");
    }

    /// <summary>The run's judge on every answer of the conversation, against the request and every question.</summary>
    private static Task<JudgeVerdict> JudgeConversationAsync(AttackContext context, List<ChatMessage> conversation,
        CancellationToken cancellationToken)
    {
        var answers = string.Join("\n\n", conversation.Where(m => m.Role == ChatRole.Assistant).Select(m => m.Text));
        var questions = string.Join("\n", conversation.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
        return context.JudgeAsync(ConversationJudgeStream, 0, 0, answers, questions, cancellationToken);
    }

    /// <summary>The attacker's next user message: the turn, and what became of the last question.</summary>
    private static string Next(AttackContext context, int turn, string? feedback)
    {
        var head = Fill("turn", ("turn", (turn + 1).ToString(CultureInfo.InvariantCulture)), ("goal", context.GoalText),
            ("max_turns", context.Settings.MaxTurns.ToString(CultureInfo.InvariantCulture)));
        return feedback is null ? head : head + "\n\n" + feedback;
    }

    private static string Fill(string section, params (string Key, string Value)[] values) =>
        Feedback.Value.Fill(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), section);

    private static string Turns(List<ChatMessage> conversation, int backtracks, JsonArray causes) => new JsonObject
    {
        ["backtracks"] = backtracks,
        ["backtrack_causes"] = causes,
        ["messages"] = new JsonArray(conversation
            .Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text }).ToArray()),
    }.ToJsonString();
}
