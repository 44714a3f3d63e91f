using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// A chat model rating answers 1-10 with <c>data/redteaming/rating-scorer-v1.txt</c>. The goal, prompt and answer are
/// neutralised before they are put in (<see cref="RatingMarkers.Neutralize"/>) and the answer is read by its last
/// marker.
/// </summary>
public sealed class ModelRatingScorer(IChatClient model, string modelName) : IAttackScorer
{
    /// <summary>The rating prompt.</summary>
    public const string PromptPath = "redteaming/rating-scorer-v1.txt";
    private static readonly Lazy<AttackPrompt> Template = new(() => AttackPrompt.Load(PromptPath));

    /// <summary>The model and prompt version.</summary>
    public string Name => $"rating:{modelName} (rating-scorer-v1)";

    /// <summary>TAP's on-topic prompt.</summary>
    public const string OnTopicPath = "redteaming/on-topic-v1.txt";
    private static readonly Lazy<AttackPrompt> OnTopic = new(() => AttackPrompt.Load(OnTopicPath));

    /// <summary>Asks the model whether the prompt still asks for the goal (last <c>[[YES]]</c> or <c>[[NO]]</c>; null
    /// without one).</summary>
    public async Task<bool?> IsOnTopicAsync(string goal, string prompt, CancellationToken cancellationToken = default)
    {
        var text = OnTopic.Value.Fill(new Dictionary<string,
            string>
        { ["goal"] = RatingMarkers.Neutralize(goal), ["prompt"] = RatingMarkers.Neutralize(prompt) });
        var answer = await model.GetResponseAsync(
            [new ChatMessage(ChatRole.User, text)], new ChatOptions { Temperature = 0, MaxOutputTokens = 16 },
            cancellationToken).ConfigureAwait(false);
        return RatingMarkers.ParseLastYesNo(answer.Text);
    }

    /// <summary>Asks the model for a 1-10 rating (the last marker; null without one).</summary>
    public async Task<AttackRating> RateAsync(string goal, string prompt, string response,
        CancellationToken cancellationToken = default)
    {
        var text = Template.Value.Fill(new Dictionary<string, string>
        {
            ["goal"] = RatingMarkers.Neutralize(goal),
            ["prompt"] = RatingMarkers.Neutralize(prompt),
            ["response"] = RatingMarkers.Neutralize(response),
        });
        ChatMessage[] messages = [new ChatMessage(ChatRole.User, text)];
        var answer = await model.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 64 },
            cancellationToken).ConfigureAwait(false);
        return new AttackRating(RatingMarkers.ParseLast(answer.Text), answer.Text)
        {
            Request = AttackContext.Serialize(messages),
        };
    }
}
