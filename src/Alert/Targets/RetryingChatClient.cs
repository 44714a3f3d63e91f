using System.ClientModel;
using System.Net;
using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>
/// Retries transient failures (HTTP 408/429/5xx, connection errors, timeouts) with exponential backoff
/// and jitter. Each attempt gets its own timeout; the caller's cancellation is never retried.
/// </summary>
public sealed class RetryingChatClient(IChatClient inner, int maxAttempts, TimeSpan baseDelay, TimeSpan attemptTimeout, TimeProvider? time = null)
    : DelegatingChatClient(inner)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(attemptTimeout);
            try
            {
                return await base.GetResponseAsync(list, options, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < maxAttempts && !cancellationToken.IsCancellationRequested && IsTransient(e))
            {
                var delay = baseDelay * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble());
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no answer within {attemptTimeout.TotalSeconds:0.#} s ({maxAttempts} attempts)", e);
            }
        }
    }

    public static bool IsTransient(Exception e) => e switch
    {
        ClientResultException c => c.Status is 0 or 408 or 409 or 429 or >= 500,
        HttpRequestException h => h.StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError,
        OperationCanceledException => true, // the attempt's own timeout
        IOException => true,
        System.Text.Json.JsonException => true, // truncated or garbled body
        _ => e.InnerException is not null && IsTransient(e.InnerException),
    };
}

public static class RetryingChatClientBuilderExtensions
{
    /// <summary>Adds bounded retries with exponential backoff and a per-attempt timeout.</summary>
    public static ChatClientBuilder UseAlertRetries(this ChatClientBuilder builder, TargetOptions options, TimeProvider? time = null) =>
        builder.Use(inner => new RetryingChatClient(inner, Math.Max(1, options.MaxAttempts), options.RetryBaseDelay, options.RequestTimeout, time));
}
