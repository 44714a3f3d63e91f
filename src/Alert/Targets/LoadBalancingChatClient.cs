using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>
/// Spreads requests over several endpoints serving the same model (a vLLM or TGI fleet): each request
/// goes to the reachable endpoint with the fewest requests in flight. An endpoint that cannot be reached
/// is set aside for a cool-down that doubles while it stays down (1 s up to 30 s), and the failure goes
/// up to the retry layer, whose next attempt lands elsewhere.
/// </summary>
public sealed class LoadBalancingChatClient : IChatClient
{
    private readonly Endpoint[] _endpoints;
    private readonly TimeProvider _time;
    private int _next;

    /// <summary>Spreads requests over <paramref name="endpoints"/>, failing over when one is down.</summary>
    public LoadBalancingChatClient(IReadOnlyList<IChatClient> endpoints, TimeProvider? time = null)
    {
        if (endpoints.Count == 0)
            throw new ArgumentException("at least one endpoint", nameof(endpoints));
        _endpoints = endpoints.Select(e => new Endpoint(e)).ToArray();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Requests each endpoint has answered (successes), in the order given.</summary>
    public IReadOnlyList<long> Answered => _endpoints.Select(e => Interlocked.Read(ref e.Answered)).ToArray();

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var endpoint = Pick();
        Interlocked.Increment(ref endpoint.InFlight);
        try
        {
            var response = await endpoint.Client.GetResponseAsync(messages, options, cancellationToken)
                .ConfigureAwait(false);
            Succeeded(endpoint);
            return response;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(endpoint, e);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref endpoint.InFlight);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options =
            null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var endpoint = Pick();
        Interlocked.Increment(ref endpoint.InFlight);
        try
        {
            await using var updates = endpoint.Client.GetStreamingResponseAsync(messages, options, cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                // A stream fails on its first read when the endpoint cannot be reached: set it aside as for
                // non-streaming calls.
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        break;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    Failed(endpoint, e);
                    throw;
                }
                yield return updates.Current;
            }
            Succeeded(endpoint);
        }
        finally
        {
            Interlocked.Decrement(ref endpoint.InFlight);
        }
    }

    private Endpoint Pick()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)_endpoints.Length);
        Endpoint? best = null;
        for (var i = 0; i < _endpoints.Length; i++)
        {
            var e = _endpoints[(start + i) % _endpoints.Length];
            if (Interlocked.Read(ref e.DownUntil) <= now
                && (best is null || Volatile.Read(ref e.InFlight) < Volatile.Read(ref best.InFlight)))
                best = e;
        }
        // All down: try the one that comes back first rather than fail without trying.
        return best ?? _endpoints.MinBy(e => Interlocked.Read(ref e.DownUntil))!;
    }

    private static void Succeeded(Endpoint endpoint)
    {
        Interlocked.Increment(ref endpoint.Answered);
        lock (endpoint)
            endpoint.Failures = 0;
    }

    private void Failed(Endpoint endpoint, Exception e)
    {
        if (!TransientFaults.IsUnreachable(e))
            return;
        lock (endpoint)
        {
            endpoint.Failures++;
            var coolDown = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(endpoint.Failures - 1, 5))));
            Interlocked.Exchange(ref endpoint.DownUntil, (_time.GetUtcNow() + coolDown).UtcTicks);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : _endpoints[0].Client.GetService(serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var e in _endpoints)
            e.Client.Dispose();
    }

    private sealed class Endpoint(IChatClient client)
    {
        public readonly IChatClient Client = client;
        public int InFlight;
        public long Answered;
        public int Failures;
        public long DownUntil; // UTC ticks
    }
}
