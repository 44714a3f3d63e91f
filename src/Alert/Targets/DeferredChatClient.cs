using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>
/// A client built on its first request: a stage that finds nothing left to ask (re-judging, scoring or
/// reporting a stored run) never needs the target's key, server or weights.
/// </summary>
internal sealed class DeferredChatClient(Func<IChatClient> create) : IChatClient
{
    private readonly Lazy<IChatClient> _inner = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _inner.Value.GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _inner.Value.GetStreamingResponseAsync(messages, options, cancellationToken);

    /// <summary>Asking for a service does not build the target: before its first request it offers only
    /// itself.</summary>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : _inner.IsValueCreated ? _inner.Value.GetService(serviceType, serviceKey) : null;

    public void Dispose()
    {
        if (_inner.IsValueCreated)
            _inner.Value.Dispose();
    }
}
