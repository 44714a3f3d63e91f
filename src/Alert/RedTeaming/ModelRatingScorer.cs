using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// A chat model rating answers 1-10 with <c>data/redteaming/rating-scorer-v1.txt</c>. The goal, prompt and answer are
/// neutralised before they are put in (<see cref="RatingMarkers.Neutralize"/>) and the answer is read by its last marker.
/// </summary>
public sealed class ModelRatingScorer(IChatClient model, string modelName) : IAttackScorer
{
    public const string PromptPath = "redteaming/rating-scorer-v1.txt";
    private static readonly Lazy<AttackPrompt> Template = new(() => AttackPrompt.Load(PromptPath));

    public string Name => $"rating:{modelName} (rating-scorer-v1)";

    public const string OnTopicPath = "redteaming/on-topic-v1.txt";
    private static readonly Lazy<AttackPrompt> OnTopic = new(() => AttackPrompt.Load(OnTopicPath));

    public async Task<bool?> IsOnTopicAsync(string goal, string prompt, CancellationToken cancellationToken = default)
    {
        var text = OnTopic.Value.Fill(new Dictionary<string, string> { ["goal"] = RatingMarkers.Neutralize(goal), ["prompt"] = RatingMarkers.Neutralize(prompt) });
        var answer = await model.GetResponseAsync([new ChatMessage(ChatRole.User, text)], new ChatOptions { Temperature = 0, MaxOutputTokens = 16 },
            cancellationToken).ConfigureAwait(false);
        return RatingMarkers.ParseLastYesNo(answer.Text);
    }

    public async Task<AttackRating> RateAsync(string goal, string prompt, string response, CancellationToken cancellationToken = default)
    {
        var text = Template.Value.Fill(new Dictionary<string, string>
        {
            ["goal"] = RatingMarkers.Neutralize(goal),
            ["prompt"] = RatingMarkers.Neutralize(prompt),
            ["response"] = RatingMarkers.Neutralize(response),
        });
        var answer = await model.GetResponseAsync([new ChatMessage(ChatRole.User, text)], new ChatOptions { Temperature = 0, MaxOutputTokens = 64 },
            cancellationToken).ConfigureAwait(false);
        return new AttackRating(RatingMarkers.ParseLast(answer.Text), answer.Text);
    }
}
