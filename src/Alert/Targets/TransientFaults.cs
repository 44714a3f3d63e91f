using System.ClientModel;
using System.Globalization;
using System.Net;
using Polly.Timeout;

namespace Alert.Targets;

/// <summary>What counts as a passing fault (worth another attempt) and what a server asked us to wait.</summary>
internal static class TransientFaults
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    public static bool IsTransient(Exception e) => e switch
    {
        TargetUnusableException or Polly.CircuitBreaker.BrokenCircuitException or TargetProtocolException => false,
        ClientResultException c => c.Status is 0 or 408 or 409 or 429 or >= 500,
        HttpRequestException h => h.StatusCode is null or HttpStatusCode.RequestTimeout
            or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError,
        TimeoutRejectedException => true, // the attempt's own timeout
        OperationCanceledException => true, // a connection torn down under us, not the caller's cancellation
        IOException => true,
        System.Net.Sockets.SocketException => true,
        System.Text.Json.JsonException => true, // truncated or garbled body
        FormatException => true,
        _ => e.InnerException is not null && IsTransient(e.InnerException),
    };

    /// <summary>Why an attempt failed, as the run's health counts retries: 429, 503, 5xx, timeout, connection,
    /// malformed, other.</summary>
    public static string Cause(Exception e) => e switch
    {
        ClientResultException { Status: 429 } => "429",
        ClientResultException { Status: 503 } => "503",
        ClientResultException { Status: >= 500 } => "5xx",
        ClientResultException { Status: 0 } => "connection",
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => "429",
        HttpRequestException { StatusCode: HttpStatusCode.ServiceUnavailable } => "503",
        HttpRequestException { StatusCode: >= HttpStatusCode.InternalServerError } => "5xx",
        TimeoutRejectedException => "timeout",
        HttpRequestException or IOException or System.Net.Sockets.SocketException or OperationCanceledException =>
            "connection",
        System.Text.Json.JsonException or FormatException => "malformed",
        _ => e.InnerException is { } inner ? Cause(inner) : "other",
    };

    /// <summary>The server is overloaded (429 or 503): the signal that makes concurrency back off.</summary>
    public static bool IsOverload(Exception e) => e switch
    {
        ClientResultException c => c.Status is 429 or 503,
        HttpRequestException h => h.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable,
        _ => e.InnerException is not null && IsOverload(e.InnerException),
    };

    /// <summary>The server could not be reached at all (refused, reset before a status): try another
    /// endpoint.</summary>
    public static bool IsUnreachable(Exception e) => e switch
    {
        ClientResultException c => c.Status == 0,
        HttpRequestException h => h.StatusCode is null,
        System.Net.Sockets.SocketException => true,
        _ => e.InnerException is not null && IsUnreachable(e.InnerException),
    };

    /// <summary>The wait a 429/503 asked for (<c>retry-after-ms</c> or <c>Retry-After</c>, seconds or a date), capped
    /// at a minute.</summary>
    public static TimeSpan? RetryAfter(Exception? e, DateTimeOffset now)
    {
        if (e is not ClientResultException c || c.GetRawResponse() is not { } response)
            return e?.InnerException is null ? null : RetryAfter(e.InnerException, now);
        TimeSpan? wait = null;
        if (response.Headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
            wait = TimeSpan.FromMilliseconds(millis);
        else if (response.Headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                wait = TimeSpan.FromSeconds(seconds);
            else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                out var date))
                wait = date - now;
        }
        if (wait is null)
            return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }
}
