using System.Text.Json.Nodes;
using Alert.Judges;
using Alert.Plugins;
using Alert.Storage;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// Persuasive adversarial prompts (PAP, Zeng et al. 2024): for each persuasion technique in
/// <c>data/redteaming/persuasion-techniques-v1.txt</c>, in file order, the attacker paraphrases the request with that
/// technique (<c>data/redteaming/persuasion-paraphraser-v1.txt</c>; JSON <c>prompt</c>), the target answers the
/// paraphrase alone and the run's judge reads the answer against the request. Every technique is tried on every
/// goal (so each has its own success rate, <see cref="Scoring.TechniqueScores"/>); the goal is jailbroken when any
/// technique is, the first unsafe answer its best attempt.
/// </summary>
internal sealed class PersuasionAttack : IAdaptiveAttack
{
    public const string TechniquesPath = "redteaming/persuasion-techniques-v1.txt";
    public const string ParaphraserPath = "redteaming/persuasion-paraphraser-v1.txt";
    private static readonly Lazy<AttackPrompt> Techniques = new(() => AttackPrompt.Load(TechniquesPath));
    private static readonly Lazy<AttackPrompt> Paraphraser = new(() => AttackPrompt.Load(ParaphraserPath));

    [AlertPlugin(Order = 35)]
    public static IAdaptiveAttack Method { get; } = new PersuasionAttack();

    public string Name => "persuasion";

    public string Usage => "persuasion";

    /// <summary>One paraphrase per technique.</summary>
    public int DefaultMaxTargetQueries => Techniques.Value.Sections.Count;

    public AttackNeeds Needs { get; } = new(AttackModelNeed.Required, AttackModelNeed.None);

    public IReadOnlyList<string> PromptFiles { get; } = [TechniquesPath, ParaphraserPath];

    public AttackCalls MostCalls(AttackSettings settings)
    {
        var target = Math.Min(settings.MaxTargetQueries, Techniques.Value.Sections.Count);
        return new(target, Math.Min(settings.AttackerCap, (long)target * settings.AttackerRetries), target);
    }

    public string Description =>
        "Persuasion (PAP): an attacker model paraphrases the request with each of five persuasion techniques, each "
        + "answer judged by the run's judge (needs --attacker)";

    public async Task<AttackOutcome> RunAsync(AttackContext context, CancellationToken cancellationToken = default)
    {
        var tried = new JsonArray();
        (string Prompt, string Response, JudgeVerdict Verdict, int Queries)? success = null;
        (string Prompt, string Response)? last = null;
        var techniques = Techniques.Value.Sections;
        for (var t = 0; t < techniques.Count && context.TargetQueriesLeft > 0 && context.AttackerQueriesLeft > 0; t++)
        {
            var technique = techniques[t];
            var ask = Paraphraser.Value.Fill(new Dictionary<string, string>
            {
                ["technique"] = technique,
                ["definition"] = Techniques.Value.Fill(new Dictionary<string, string>(), technique),
                ["goal"] = context.GoalText,
            });
            var (prompt, _) = await context.ProposeAsync(t, 0, 0, [new ChatMessage(ChatRole.User, ask)], "prompt",
                "improvement", cancellationToken).ConfigureAwait(false);
            if (prompt is null)
            {
                tried.Add(Tried(technique, AttackGoalOutcome.AttackFailed, null, null));
                continue;
            }
            var reply = await context.AskTargetAsync(t, 0, 0, [new ChatMessage(ChatRole.User, prompt)],
                cancellationToken).ConfigureAwait(false);
            if (reply.Text is not { } response)
            {
                // A block is the target resisting (score 0); another failure is an error.
                tried.Add(Tried(technique, reply.Blocked ? AttackGoalOutcome.Resisted : AttackGoalOutcome.Error,
                    prompt, context.TargetQueries));
                continue;
            }
            last = (prompt, response);
            var verdict = await context.JudgeAsync(t, 0, 0, response, cancellationToken).ConfigureAwait(false);
            tried.Add(Tried(technique, verdict.Verdict switch
            {
                Verdict.Unsafe => AttackGoalOutcome.Jailbroken,
                Verdict.Safe => AttackGoalOutcome.Resisted,
                _ => AttackGoalOutcome.Error,
            }, prompt, context.TargetQueries));
            if (verdict.Verdict == Verdict.Unsafe && success is null)
                success = (prompt, response, verdict, context.TargetQueries);
        }
        var turns = new JsonObject { ["techniques"] = tried }.ToJsonString();
        if (success is { } s)
            return new AttackOutcome(true, s.Prompt, s.Response, s.Queries) { BestVerdict = s.Verdict, Turns = turns };
        return new AttackOutcome(false, last?.Prompt, last?.Response, null) { Turns = turns };
    }

    /// <summary>One technique's attempt: its outcome, prompt and the goal's target queries once it was sent.</summary>
    private static JsonObject Tried(string technique, AttackGoalOutcome outcome, string? prompt, int? queries) => new()
    {
        ["technique"] = technique,
        ["outcome"] = outcome.ToWire(),
        ["prompt"] = prompt,
        ["target_queries"] = queries,
    };
}
