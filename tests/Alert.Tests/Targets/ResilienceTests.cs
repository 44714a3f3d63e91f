using System.Diagnostics;
using Alert.Targets;
using Alert.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Alert.Tests.Targets;

public class ResilienceTests
{
    private static IChatClient Client(LoopbackChatServer server, int concurrency, TimeSpan? baseDelay = null,
        int attempts = 8) =>
        TargetFactory.Create("openai:m", new TargetOptions
        {
            BaseUrl = server.BaseUrl,
            MaxConcurrency = concurrency,
            MaxAttempts = attempts,
            RetryBaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5),
        });

    [Fact]
    public async Task RetryAfterIsHonoured()
    {
        var calls = 0;
        await using var server = new LoopbackChatServer(r => "ok")
        {
            Fault = _ => Interlocked.Increment(ref calls) == 1 ? ServerFault.TooManyRequests : ServerFault.None,
        };
        using var client = Client(server, 4);
        var clock = Stopwatch.StartNew();
        var response = await client.GetResponseAsync("hi");
        Assert.Equal("ok", response.Text);
        Assert.Equal(2, response.AdditionalProperties![ResilientChatClient.AttemptsProperty]);
        // The fault asks for 20 ms (retry-after-ms) against a base delay of 5 ms with jitter.
        Assert.True(clock.ElapsedMilliseconds >= 20, $"{clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task ConcurrencyBacksOffWhenTheServerIsOverloadedAndEveryRequestSucceeds()
    {
        await using var server = new LoopbackChatServer(r => "ok", TimeSpan.FromMilliseconds(20));
        // A server with room for 4: more at once get 429.
        server.Fault = _ => server.InFlight > 4 ? ServerFault.TooManyRequests : ServerFault.None;
        // From 32 the limit needs about nine x0.8 episodes to reach 4; on a loaded machine a request can meet 429 that
        // many times, so it gets enough attempts to outlast the descent (the point is that all succeed, not how fast).
        using var client = Client(server, 32, TimeSpan.FromMilliseconds(10), attempts: 14);
        var limiter = client.GetService<AdaptiveConcurrencyChatClient>()!;

        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, ct) =>
            Assert.Equal("ok", (await client.GetResponseAsync($"q{i}", cancellationToken: ct)).Text));
        Assert.True(limiter.Decreases > 0);
        Assert.True(limiter.Limit < 32, $"limit {limiter.Limit}");
        Assert.Equal(300, server.Answered.Count);
    }

    [Fact]
    public async Task AHealthyServerKeepsTheFullLimit()
    {
        await using var server = new LoopbackChatServer(r => "ok");
        using var client = Client(server, 8);
        await Parallel.ForEachAsync(Enumerable.Range(0, 100), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) =>
            await client.GetResponseAsync($"q{i}", cancellationToken: ct));
        Assert.Equal(8, client.GetService<AdaptiveConcurrencyChatClient>()!.Limit);
    }
}
