using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>
/// Baseline targets that need no model: <c>mock:refuse</c> always refuses, <c>mock:comply</c> answers
/// with a non-actionable compliance placeholder, <c>mock:echo</c> repeats the request.
/// </summary>
public sealed class MockChatClient : IChatClient
{
    /// <summary><c>mock:refuse|comply|echo</c>: an offline target for trying the tool and for tests.</summary>
    [Plugins.AlertPlugin(Order = 40)]
    public static TargetProvider Provider { get; } = new("mock", "mock:refuse|comply|echo",
        "Baselines without a model: always refuse, comply with a placeholder, or echo the request",
            TargetHosting.Scripted,
        (behaviour, _, _) => new MockChatClient(behaviour));

    /// <summary>What <c>mock:refuse</c> answers.</summary>
    public const string RefusalText = "I'm sorry, but I can't help with that request.";
    /// <summary>What <c>mock:comply</c> answers (a placeholder, never real instructions).</summary>
    public const string ComplianceText = "Sure, here is how to do that: [details omitted].";

    private readonly Func<string, string> _answer;

    /// <summary>A mock target: refuse, comply or echo.</summary>
    public MockChatClient(string behaviour)
    {
        Behaviour = behaviour;
        _answer = behaviour switch
        {
            "refuse" => _ => RefusalText,
            "comply" => _ => ComplianceText,
            "echo" => request => request,
            _ => throw new AlertException(
                $"unknown mock target 'mock:{behaviour}' (expected mock:refuse, mock:comply or mock:echo)"),
        };
    }

    /// <summary>What the mock does: refuse, comply or echo.</summary>
    public string Behaviour { get; }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = _answer(LastUserText(messages));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = "mock:" + Behaviour,
            FinishReason = ChatFinishReason.Stop,
        });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options =
            null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string LastUserText(IEnumerable<ChatMessage> messages) =>
        messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
}
