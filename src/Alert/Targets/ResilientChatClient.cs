using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Alert.Targets;

/// <summary>
/// Bounded retries of transient failures (429 and 5xx, resets, timeouts, garbled bodies) with exponential
/// backoff and jitter, honouring <c>Retry-After</c>, and a timeout per attempt: a Polly pipeline. The
/// caller's cancellation is never retried. The number of attempts goes into the response's
/// <see cref="ChatResponse.AdditionalProperties"/> as <c>alert.attempts</c>.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    public const string AttemptsProperty = "alert.attempts";
    private readonly ResiliencePipeline _pipeline;
    private readonly int _maxAttempts;

    public ResilientChatClient(IChatClient inner, int maxAttempts, TimeSpan baseDelay, TimeSpan attemptTimeout, TimeProvider? time = null)
        : base(inner)
    {
        var clock = time ?? TimeProvider.System;
        _maxAttempts = Math.Max(1, maxAttempts);
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (_maxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && !args.Context.CancellationToken.IsCancellationRequested && TransientFaults.IsTransient(e)),
                MaxRetryAttempts = _maxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                // null falls back to the exponential backoff.
                DelayGenerator = args => ValueTask.FromResult(TransientFaults.RetryAfter(args.Outcome.Exception, clock.GetUtcNow())),
            });
        }
        _pipeline = builder.AddTimeout(attemptTimeout).Build();
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var attempts = 0;
        try
        {
            var response = await _pipeline.ExecuteAsync(async ct =>
            {
                attempts++;
                return await base.GetResponseAsync(list, options, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            (response.AdditionalProperties ??= [])[AttemptsProperty] = attempts;
            return response;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not TargetRequestException)
        {
            throw new TargetRequestException($"failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {e.GetType().Name}: {e.Message}", attempts, e);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A stream cannot be replayed once its first update is out, so streaming gets one attempt.
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            yield return update;
    }
}

public static class ResilientChatClientBuilderExtensions
{
    /// <summary>Adds bounded retries with exponential backoff, jitter and Retry-After, and a per-attempt timeout.</summary>
    public static ChatClientBuilder UseAlertResilience(this ChatClientBuilder builder, TargetOptions options, TimeProvider? time = null) =>
        builder.Use(inner => new ResilientChatClient(inner, options.MaxAttempts, options.RetryBaseDelay, options.RequestTimeout, time));
}
