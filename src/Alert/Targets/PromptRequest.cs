using Alert.Benchmark;
using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>Turns a benchmark prompt into the chat messages and options sent to a target.</summary>
internal static class PromptRequest
{
    public static List<ChatMessage> Messages(BenchmarkPrompt prompt, TargetOptions options)
    {
        var messages = new List<ChatMessage>(2);
        if (!string.IsNullOrEmpty(options.SystemPrompt))
            messages.Add(new ChatMessage(ChatRole.System, options.SystemPrompt));
        messages.Add(new ChatMessage(ChatRole.User, options.SendRaw ? prompt.Prompt : prompt.Text));
        return messages;
    }

    public static ChatOptions ChatOptions(TargetOptions options) => new()
    {
        Temperature = options.Temperature,
        MaxOutputTokens = options.MaxOutputTokens,
    };
}
