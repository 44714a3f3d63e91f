using Alert.Caching;
using Alert.Targets;
using Alert.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Alert.Tests.Targets;

/// <summary>The middleware composes on MEAI's <see cref="ChatClientBuilder"/> around any client, as a library user
/// would.</summary>
public class BuilderExtensionTests
{
    [Fact]
    public async Task AdaptiveConcurrencyAndTheCacheWrapAnyChatClient()
    {
        await using var server = new LoopbackChatServer(_ => "ok", TimeSpan.FromMilliseconds(30));
        using var dir = new TempDir();
        using var cache = ResponseCache.Open(dir.File("cache"));
        using var inner = TargetFactory.Create("openai:m",
            new TargetOptions { BaseUrl = server.BaseUrl, MaxConcurrency = 64 });
        using var client = new ChatClientBuilder(inner).UseResponseCache(cache, "builder-test")
            .UseAdaptiveConcurrency(3).Build();
        await Parallel.ForEachAsync(Enumerable.Range(0, 24), new ParallelOptions { MaxDegreeOfParallelism = 12 },
            async (i, ct) =>
            Assert.Equal("ok", (await client.GetResponseAsync($"q{i % 12}", cancellationToken: ct)).Text));
        Assert.True(server.MaxInFlight <= 3, $"{server.MaxInFlight} in flight with a limit of 3");
        // The cache sits outside the limit: each of the 12 distinct prompts reaches the server at least once, and
        // a repeat asked after its first answer was stored does not.
        Assert.InRange(server.Requests.Count, 12, 24);
        var before = server.Requests.Count;
        Assert.Equal("ok", (await client.GetResponseAsync("q0")).Text);
        Assert.Equal(before, server.Requests.Count);
    }
}
