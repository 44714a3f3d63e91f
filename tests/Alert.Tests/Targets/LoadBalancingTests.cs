using System.Net;
using System.Net.Sockets;
using Alert.Targets;
using Alert.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Alert.Tests.Targets;

public class LoadBalancingTests
{
    private sealed class FrozenTime : TimeProvider
    {
        private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => _now;
    }

    private static string DeadBaseUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/v1";
    }

    private static IChatClient Endpoint(string baseUrl) =>
        TargetFactory.Create("openai:m", new TargetOptions { BaseUrl = baseUrl, MaxAttempts = 1 });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnUnreachableEndpointIsSetAsideAfterOneFailure(bool streaming)
    {
        await using var live = new LoopbackChatServer(_ => "ok");
        // Time stands still, so the dead endpoint's cool-down never ends within the test.
        using var balancer = new LoadBalancingChatClient(
            [Endpoint(DeadBaseUrl()), Endpoint(live.BaseUrl)], new FrozenTime());
        var failures = 0;
        for (var i = 0; i < 10; i++)
        {
            try
            {
                var text = streaming
                    ? string.Concat(await balancer.GetStreamingResponseAsync("hi").Select(u => u.Text).ToListAsync())
                    : (await balancer.GetResponseAsync("hi")).Text;
                Assert.Equal("ok", text);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures++;
            }
        }
        Assert.True(failures <= 1, $"{failures} calls went to the unreachable endpoint");
        Assert.Equal(10 - failures, balancer.Answered[1]);
    }
}
