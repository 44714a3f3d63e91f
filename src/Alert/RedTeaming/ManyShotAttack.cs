using System.Text;
using System.Text.Json.Nodes;
using Alert.Common;
using Alert.Judges;
using Alert.Plugins;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// Many-shot jailbreaking (Anil et al. 2024): one prompt holding a faux dialogue of
/// <see cref="AttackSettings.Shots"/> exchanges, each a request of the goal's own category from the built-in benchmark
/// (<see cref="ManyShotPool"/>) with a non-actionable placeholder answer
/// (<c>data/redteaming/many-shot-answers-v1.txt</c>), then the goal (<c>data/redteaming/many-shot-v1.txt</c>). No
/// attacker model. Each target query draws its own shots (seeded by the seed, the goal and the attempt); the run's
/// judge reads each answer against the request, and the first unsafe one is a success.
/// </summary>
internal sealed class ManyShotAttack : IAdaptiveAttack
{
    /// <summary>The method's name in specs, files and reports.</summary>
    public const string MethodName = "many-shot";

    public const string FramePath = "redteaming/many-shot-v1.txt";
    public const string AnswersPath = "redteaming/many-shot-answers-v1.txt";
    private static readonly Lazy<AttackPrompt> Frame = new(() => AttackPrompt.Load(FramePath));
    private static readonly Lazy<string[]> Answers = new(() => [.. DataFiles.ReadText(AnswersPath).Split('\n')
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))]);

    [AlertPlugin(Order = 45)]
    public static IAdaptiveAttack Method { get; } = new ManyShotAttack();

    public string Name => MethodName;

    public string Usage => MethodName;

    public int DefaultMaxTargetQueries => 1;

    public IReadOnlyList<string> PromptFiles { get; } = [FramePath, AnswersPath];

    public AttackCalls MostCalls(AttackSettings settings) =>
        new(settings.MaxTargetQueries, 0, settings.MaxTargetQueries);

    public string Description =>
        "Many-shot jailbreaking: a faux dialogue of --shots requests of the goal's category with placeholder answers, "
        + "then the request; no attacker model";

    public async Task<AttackOutcome> RunAsync(AttackContext context, CancellationToken cancellationToken = default)
    {
        var pool = await ManyShotPool.RequestsAsync(context.Goal.Prompt.Category, context.GoalText)
            .ConfigureAwait(false);
        string? lastPrompt = null, lastResponse = null;
        var shots = 0;
        for (var attempt = 0; context.TargetQueriesLeft > 0; attempt++)
        {
            var random = SeededRandom.For(context.Settings.Seed, $"{MethodName}/{context.Goal.Key}/{attempt}");
            var questions = pool.ToList();
            random.Shuffle(questions);
            questions = questions.Take(context.Settings.Shots).ToList();
            shots = questions.Count;
            var prompt = Prompt(questions, context.GoalText);
            var reply = await context.AskTargetAsync(0, attempt, 0, [new ChatMessage(ChatRole.User, prompt)],
                cancellationToken).ConfigureAwait(false);
            if (reply.Text is not { } response)
                continue;
            (lastPrompt, lastResponse) = (prompt, response);
            var verdict = await context.JudgeAsync(0, attempt, 0, response, cancellationToken).ConfigureAwait(false);
            if (verdict.Verdict == Verdict.Unsafe)
                return new AttackOutcome(true, prompt, response, context.TargetQueries)
                {
                    BestVerdict = verdict,
                    Turns = Turns(shots, pool.Count),
                };
        }
        return new AttackOutcome(false, lastPrompt, lastResponse, null) { Turns = Turns(shots, pool.Count) };
    }

    /// <summary>The faux dialogue: each request with a placeholder answer in turn, then the goal.</summary>
    internal static string Prompt(IReadOnlyList<string> questions, string goal)
    {
        var answers = Answers.Value;
        var dialogue = new StringBuilder();
        for (var i = 0; i < questions.Count; i++)
        {
            if (i > 0)
                dialogue.Append("\n\n");
            dialogue.Append(Frame.Value.Fill(new Dictionary<string, string>
            {
                ["question"] = questions[i],
                ["answer"] = answers[i % answers.Length],
            }, "shot"));
        }
        var values = new Dictionary<string, string> { ["shots"] = dialogue.ToString(), ["goal"] = goal };
        return Frame.Value.Fill(values, "frame");
    }

    /// <summary>The shots sent (fewer than asked when the category has fewer) and the category's pool.</summary>
    private static string Turns(int shots, int pool) => new JsonObject
    {
        ["shots"] = shots,
        ["shot_pool"] = pool,
    }.ToJsonString();
}
