using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>Lets at most N requests reach the inner client at once (e.g. one for an in-process model).</summary>
public sealed class ConcurrencyLimitingChatClient(IChatClient inner, int limit) : DelegatingChatClient(inner)
{
    private readonly SemaphoreSlim _gate = new(limit, limit);

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        AttemptScope.MarkStarted();
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options =
            null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken)
                .ConfigureAwait(false))
                yield return update;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _gate.Dispose();
        base.Dispose(disposing);
    }
}
