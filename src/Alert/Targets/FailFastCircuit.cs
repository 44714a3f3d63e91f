using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;

namespace Alert.Targets;

/// <summary>
/// The circuit breaker of a target's pipeline (Polly's, at a failure ratio of 1): it opens when every round in a
/// window failed for a persistent reason, and from then on says why the target cannot be used.
/// </summary>
internal sealed class FailFastCircuit(Func<TargetFaultKind, string, int, Exception, TargetUnusableException> unusable)
{
    private TargetUnusableException? _unusable;
    private int _persistentFailures;

    /// <summary>Why the target cannot be used, once the circuit opened; null while it works.</summary>
    public TargetUnusableException? Unusable => Volatile.Read(ref _unusable);

    /// <summary>An attempt succeeded: the run of persistent failures is over.</summary>
    public void Succeeded() => Volatile.Write(ref _persistentFailures, 0);

    /// <summary>An attempt failed; one more persistent failure in a row when it is one.</summary>
    public void Failed(Exception e)
    {
        if (TargetErrors.Persistent(e) is not null)
            Interlocked.Increment(ref _persistentFailures);
    }

    public CircuitBreakerStrategyOptions<ChatResponse> Options() => new()
    {
        FailureRatio = 1.0,
        MinimumThroughput = ResilientChatClient.FailFastAttempts,
        SamplingDuration = ResilientChatClient.FailFastWindow,
        BreakDuration = TimeSpan.FromDays(1),
        ShouldHandle = args => ValueTask.FromResult(
            args.Outcome.Exception is { } e && TargetErrors.Persistent(e) is not null),
        OnOpened = args =>
        {
            if (args.Outcome.Exception is { } e && TargetErrors.Persistent(e) is { } cause)
            {
                var failures = Math.Max(ResilientChatClient.FailFastAttempts, Volatile.Read(ref _persistentFailures));
                Interlocked.CompareExchange(ref _unusable,
                    unusable(cause.Kind, Secrets.Redact(cause.Detail), failures, e), null);
            }
            return default;
        },
    };
}
