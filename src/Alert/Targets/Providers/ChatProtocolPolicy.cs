using System.ClientModel.Primitives;
using System.Text.Json;

namespace Alert.Targets.Providers;

/// <summary>
/// Checks that a successful chat completion answer is one: an HTML page (a web server or proxy at the base URL) or
/// JSON without <c>choices</c> fails with what the server sent, not with an error from deep in the SDK.
/// Streamed answers, errors and bodies that do not parse (truncated, a transient fault) pass through.
/// </summary>
internal sealed class ChatProtocolPolicy : PipelinePolicy
{
    public static ChatProtocolPolicy Instance { get; } = new();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        Check(message);
    }

    public override async ValueTask ProcessAsync(
        PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        Check(message);
    }

    private static void Check(PipelineMessage message)
    {
        if (!message.BufferResponse || message.Response is not { IsError: false } response
            || message.Request.Uri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
            return;
        var body = response.Content.ToString();
        var trimmed = body.TrimStart();
        var type = response.Headers.TryGetValue("Content-Type", out var t) ? t ?? "" : "";
        if (type.Contains("html", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith('<'))
            throw new TargetProtocolException(
                $"the server answered with {TargetErrors.ServerMessage(body)}, not a chat completion");
        if (!trimmed.StartsWith('{'))
            return;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && !json.RootElement.TryGetProperty("choices", out _))
                throw new TargetProtocolException(
                    $"the server's JSON answer has no 'choices', so it is not a chat " +
                    $"completion: {TargetErrors.ServerMessage(body)}");
            if (json.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array
                && choices.GetArrayLength() == 0)
                throw new TargetProtocolException(
                    "the server's chat completion has no choices (an empty 'choices' list)");
        }
        catch (JsonException)
        {
            // Truncated or garbled: the SDK's parse fails and the retry treats it as transient.
        }
    }
}
