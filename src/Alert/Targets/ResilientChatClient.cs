using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Hedging;
using Polly.Retry;
using Polly.Timeout;

namespace Alert.Targets;

/// <summary>
/// One Polly pipeline around a target: bounded retries of transient failures (429 and 5xx, resets, timeouts,
/// garbled bodies) with exponential backoff and jitter, honouring <c>Retry-After</c>; hedging of stragglers
/// (a second attempt once the first has taken longer than most recent attempts, within a budget of hedges);
/// and a timeout per attempt that adapts to the latencies seen (never above the configured one). The caller's
/// cancellation is never retried. A circuit breaker stops a target that cannot work: when every attempt in a window
/// (at least <see cref="FailFastAttempts"/> of them, over <see cref="FailFastWindow"/> once anything succeeded) failed
/// for a reason no retry mends (refused connection, unknown host, 401/403, 404, an answer that is not the protocol),
/// every request fails with <see cref="TargetUnusableException"/>. What it sees goes to <see cref="TargetHealth"/>; the
/// number of attempts (hedges
/// not counted) into the response's <see cref="ChatResponse.AdditionalProperties"/> as <c>alert.attempts</c>.
/// </summary>
public sealed partial class ResilientChatClient : DelegatingChatClient
{
    /// <summary>The additional property of a response that holds how many attempts it took.</summary>
    public const string AttemptsProperty = "alert.attempts";

    /// <summary>Successful attempts seen before hedging starts (below, the latency quantiles mean little).</summary>
    public const int HedgeWarmup = 32;

    /// <summary>Successful attempts seen before the attempt timeout adapts.</summary>
    public const int TimeoutWarmup = 50;

    /// <summary>The adapted attempt timeout is never below this (or the configured one, if lower).</summary>
    public static readonly TimeSpan MinAdaptiveTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Attempts that must all fail for a persistent reason before the circuit opens.</summary>
    public const int FailFastAttempts = 5;

    /// <summary>The window of attempts the circuit breaker looks at: all of them failing for a persistent reason opens
    /// it.</summary>
    public static readonly TimeSpan FailFastWindow = TimeSpan.FromSeconds(30);

    private static readonly ResiliencePropertyKey<ExecutionState> StateKey = new("alert.execution");
    private static readonly ResiliencePropertyKey<bool> HedgeKey = new("alert.hedge");
    private readonly ResiliencePipeline<ChatResponse> _pipeline;
    private readonly TargetHealth _health;
    private readonly TimeSpan _timeout;

    private readonly bool _slotted;
    private readonly TargetRole _role;
    private readonly FailFastCircuit _circuit;

    /// <summary>The model's spec, for the message when the circuit opens.</summary>
    internal string Spec { get; init; } = "model";

    /// <summary>Where the model is served (redacted), for the message when the circuit opens.</summary>
    internal string? Server { get; init; }

    /// <param name="slotted">A concurrency limiter below marks when each attempt gets its slot (<see
    /// cref="AttemptScope.MarkStarted"/>);
    /// without one, an attempt counts as started at once.</param>
    public ResilientChatClient(IChatClient inner, TargetOptions options, TargetHealth? health = null,
        TimeProvider? time = null, bool slotted = false)
        : base(inner)
    {
        _slotted = slotted;
        var clock = time ?? TimeProvider.System;
        _health = health ?? new TargetHealth(clock);
        _timeout = options.RequestTimeout;
        _role = options.Role;
        var builder = new ResiliencePipelineBuilder<ChatResponse> { TimeProvider = clock };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<ChatResponse>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && !args.Context.CancellationToken.IsCancellationRequested
                        && TransientFaults.IsTransient(e)),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                // null falls back to the exponential backoff.
                DelayGenerator = args => ValueTask.FromResult(
                    TransientFaults.RetryAfter(args.Outcome.Exception, clock.GetUtcNow())),
                OnRetry = args =>
                {
                    _health.RecordRetry(TransientFaults.Cause(args.Outcome.Exception!));
                    RequestSlot.ReleaseForBackoff();
                    if (args.Context.Properties.TryGetValue(StateKey, out var state))
                        state.NextRound();
                    return default;
                },
            });
        }
        // Outside hedging: it sees rounds (an attempt and its hedge), and an open circuit fails a request before it
        // waits for a hedge.
        _circuit = new FailFastCircuit((kind, detail, failures, e) =>
            new TargetUnusableException(_role, Spec, Server, kind, detail, failures, e));
        builder.AddCircuitBreaker(_circuit.Options());
        if (options.MaxHedgeRate > 0)
        {
            var rate = options.MaxHedgeRate;
            builder.AddHedging(new HedgingStrategyOptions<ChatResponse>
            {
                MaxHedgedAttempts = 1,
                // The delay counts from when the first attempt got its server slot, not from when it queued for one;
                // an attempt that started before enough latencies were seen is hedged as soon as they are.
                DelayGenerator = args =>
                {
                    if (!args.Context.Properties.TryGetValue(StateKey, out var state))
                        return ValueTask.FromResult(Timeout.InfiniteTimeSpan);
                    // The common case, synchronously: the first attempt has its slot and enough latencies were seen.
                    if (state.PrimaryStarted.Task.IsCompleted && HedgeDelay() is var known
                        && known != Timeout.InfiniteTimeSpan)
                        return ValueTask.FromResult(
                            state.RoundEnded.Task.IsCompleted ? Timeout.InfiniteTimeSpan : known);
                    return HedgeDelayAsync(state, clock, args.Context.CancellationToken);
                },
                // A failed first attempt waits for its hedge, if one is out; any other failure is the retry's business
                // (a hedge that failed too, a timed-out hedge above all, says the round is lost).
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && TransientFaults.IsTransient(e)
                    && args.Context.Properties.TryGetValue(StateKey, out var state) && state.Hedged
                    && !args.Context.Properties.GetValue(HedgeKey, false)),
                ActionGenerator = args =>
                {
                    if (!_health.TryTakeHedge(rate))
                        return null;
                    if (args.PrimaryContext.Properties.TryGetValue(StateKey, out var state))
                        state.Hedged = true;
                    args.ActionContext.Properties.Set(HedgeKey, true);
                    return () => args.Callback(args.ActionContext);
                },
            });
        }
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = _ => ValueTask.FromResult(AttemptTimeout()),
            OnTimeout = _ =>
            {
                _health.RecordTimeout();
                return default;
            },
        });
        _pipeline = builder.Build();
    }

    private async ValueTask<TimeSpan> HedgeDelayAsync(
        ExecutionState state, TimeProvider clock, CancellationToken cancellationToken)
    {
        // This round's signals, taken now: a retry starts a new round with new ones.
        var started = state.PrimaryStarted.Task;
        var ended = state.RoundEnded.Task;
        try
        {
            if (!started.IsCompleted)
                await Task.WhenAny(started, ended).WaitAsync(_timeout, clock, cancellationToken).ConfigureAwait(false);
            var slotAt = Stopwatch.GetTimestamp();
            // Too few latencies seen yet: wait for more, then hedge this attempt too if it is still out.
            while (HedgeDelay() == Timeout.InfiniteTimeSpan && !ended.IsCompleted)
                await Task.WhenAny(_health.AttemptRecorded(), ended)
                    .WaitAsync(_timeout - Stopwatch.GetElapsedTime(slotAt), clock, cancellationToken)
                    .ConfigureAwait(false);
            var delay = HedgeDelay();
            if (delay == Timeout.InfiniteTimeSpan || ended.IsCompleted)
                return Timeout.InfiniteTimeSpan;
            var left = delay - Stopwatch.GetElapsedTime(slotAt);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
        catch (Exception e) when (e is TimeoutException or ArgumentOutOfRangeException or OperationCanceledException)
        {
            return Timeout.InfiniteTimeSpan;
        }
    }

    /// <summary>No hedge sooner than this: below it, latency is jitter (a collection, a busy core), not a
    /// straggler.</summary>
    public static readonly TimeSpan MinHedgeDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>When a straggler gets a second attempt: past 1.5 times the 95th percentile of recent attempts (at least
    /// <see cref="MinHedgeDelay"/>).</summary>
    public TimeSpan HedgeDelay() => _health.RecentAttemptQuantile(0.95, HedgeWarmup) is { } p95
        ? TimeSpan.FromMilliseconds(Math.Max(MinHedgeDelay.TotalMilliseconds, 1.5 * p95.TotalMilliseconds))
        : Timeout.InfiniteTimeSpan;

    /// <summary>The attempt timeout: 8 times the 99th percentile of recent attempts, within [10 s, the configured
    /// timeout].</summary>
    public TimeSpan AttemptTimeout()
    {
        if (_health.RecentAttemptQuantile(0.99, TimeoutWarmup) is not { } p99)
            return _timeout;
        var floor = MinAdaptiveTimeout < _timeout ? MinAdaptiveTimeout : _timeout;
        var adapted = TimeSpan.FromMilliseconds(8 * p99.TotalMilliseconds);
        return adapted < floor ? floor : adapted > _timeout ? _timeout : adapted;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var state = new ExecutionState(this, messages as IList<ChatMessage> ?? messages.ToList(), options);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        var started = Stopwatch.GetTimestamp();
        _health.RecordRequestStarted();
        try
        {
            var response = await _pipeline.ExecuteAsync(static async (ctx, s) =>
            {
                await RequestSlot.ReacquireAsync(ctx.CancellationToken).ConfigureAwait(false);
                var attemptStarted = Stopwatch.GetTimestamp();
                // The first attempt of a round is the one hedging waits on; a hedge gets a scope of its own.
                var primary = s.TakePrimary();
                Interlocked.Increment(ref primary is null ? ref s.Hedges : ref s.Attempts);
                var scope = AttemptScope.Enter(primary
                    ?? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
                    hedge: primary is null);
                if (!s.Client._slotted)
                    scope.MarkStartedNow();
                try
                {
                    var response = await s.Client.InnerGetResponseAsync(s.Messages, s.Options, ctx.CancellationToken)
                        .ConfigureAwait(false);
                    s.Client._health.RecordAttempt(scope.ServerTime(attemptStarted));
                    s.Client._circuit.Succeeded();
                    return response;
                }
                catch (Exception e)
                {
                    s.Client._circuit.Failed(e);
                    throw;
                }
                finally
                {
                    scope.MarkStartedNow();
                    if (primary is not null)
                        s.EndRound();
                }
            }, context, state).ConfigureAwait(false);
            _health.RecordRequest(Stopwatch.GetElapsedTime(started), succeeded: true);
            (response.AdditionalProperties ??= [])[AttemptsProperty] = state.Attempts;
            return response;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not TargetRequestException
            and not TargetUnusableException)
        {
            _health.RecordRequest(Stopwatch.GetElapsedTime(started), succeeded: false);
            // The circuit is open: this request failed (or was refused) because the target cannot work at all.
            if (_circuit.Unusable is { } unusable)
                throw unusable;
            var hedges = state.Hedges == 0 ? "" : $" and {state.Hedges} hedge{(state.Hedges == 1 ? "" : "s")}";
            throw new TargetRequestException(
                $"failed after {state.Attempts} " +
                $"attempt{(state.Attempts == 1 ? "" : "s")}{hedges}: {TargetErrors.Describe(e)}", state.Attempts, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options =
            null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A stream cannot be replayed once its first update is out, so streaming gets one attempt.
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken)
            .ConfigureAwait(false))
            yield return update;
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(TargetHealth) ? _health : base.GetService(serviceType, serviceKey);

    private Task<ChatResponse> InnerGetResponseAsync(
        IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        base.GetResponseAsync(messages, options, cancellationToken);
}
