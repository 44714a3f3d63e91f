using Microsoft.Extensions.AI;

namespace Alert.Caching;

/// <summary>
/// Answers from the shared <see cref="ResponseCache"/> when the same target was already asked the same
/// messages with the same output-affecting options; otherwise asks and stores the answer (successes
/// only). A cached answer carries <c>alert.cached = true</c> in its additional properties.
/// </summary>
public sealed class ResponseCachingChatClient(IChatClient inner, ResponseCache cache, string owner,
    TimeProvider? time = null)
    : CachingChatClient(inner)
{
    /// <summary>Set to true in a response's additional properties when it came from the cache.</summary>
    public const string CachedProperty = "alert.cached";
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The key: target identity, messages and options (timeouts and concurrency are not options).</summary>
    protected override string GetCacheKey(IEnumerable<ChatMessage> messages, ChatOptions? options,
        params ReadOnlySpan<object?> additionalValues)
    {
        var parts = new object?[additionalValues.Length + 4];
        parts[0] = "alert-cache-v1";
        parts[1] = owner;
        parts[2] = messages.Select(m => new { role = m.Role.Value, text = m.Text }).ToArray();
        parts[3] = options is null ? null : new
        {
            options.Temperature,
            options.MaxOutputTokens,
            options.TopP,
            options.Seed,
            options.ModelId,
            options.StopSequences
        };
        additionalValues.CopyTo(parts.AsSpan(4));
        return AIJsonUtilities.HashDataToString(parts, AIJsonUtilities.DefaultOptions);
    }

    /// <inheritdoc />
    protected override Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
    {
        if (cache.Get(key) is not { } hit)
            return Task.FromResult<ChatResponse?>(null);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, hit.Text))
        {
            Usage = new UsageDetails { InputTokenCount = hit.InputTokens, OutputTokenCount = hit.OutputTokens },
            AdditionalProperties = new() { [CachedProperty] = true },
        };
        return Task.FromResult<ChatResponse?>(response);
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<ChatResponseUpdate>?> ReadCacheStreamingAsync(
        string key, CancellationToken cancellationToken) =>
        await ReadCacheAsync(key, cancellationToken)
            .ConfigureAwait(false) is { } response ? response.ToChatResponseUpdates() : null;

    /// <inheritdoc />
    protected override Task WriteCacheAsync(string key, ChatResponse value, CancellationToken cancellationToken)
    {
        cache.Put(key, owner, new CachedAnswer(value.Text, value.Usage?.InputTokenCount,
            value.Usage?.OutputTokenCount), _time.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task WriteCacheStreamingAsync(
        string key, IReadOnlyList<ChatResponseUpdate> value, CancellationToken cancellationToken) =>
        WriteCacheAsync(key, value.ToChatResponse(), cancellationToken);
}
