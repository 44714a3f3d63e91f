using System.Net;
using Alert.Tests.Infrastructure;
using Alert.View;

namespace Alert.Tests.View;

/// <summary>The view's gate over real HTTP: the token, the Host and the Origin of state-changing requests.</summary>
public class ViewSecurityTests
{
    [Fact]
    public async Task EveryRequestWithoutTheTokenIsRefusedAndTheTokenOpensTheView()
    {
        using var dir = new TempDir();
        var (a, _) = await ViewRuns.CreateAsync(dir);
        await using var server = await ViewServer.StartAsync(ViewRuns.Options(dir, a));
        Assert.Equal("127.0.0.1", server.Address.Host);
        using var anonymous = new HttpClient { BaseAddress = server.Address };
        foreach (var path in new[] { "/", "/table", "/results?run=0", "/assets/view.css", "/nothing", "/?token=wrong" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
            Assert.DoesNotContain("model-a", await response.Content.ReadAsStringAsync());
        }

        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = server.Address };
        using var first = await client.GetAsync("/table?token=" + server.Token);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/table", first.Headers.Location?.OriginalString);
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c =>
            c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        using var page = await client.GetAsync("/table");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("model-a", await page.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task ACrossOriginPostIsRefusedAndASameOriginOneIsLetThrough()
    {
        using var dir = new TempDir();
        var (a, _) = await ViewRuns.CreateAsync(dir);
        await using var server = await ViewServer.StartAsync(ViewRuns.Options(dir, a) with { Token = "test-token" });
        using var client = new HttpClient { BaseAddress = server.Address };
        static HttpRequestMessage Post(string? origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/labels") { Content = new StringContent("{}") };
            request.Headers.Add("Cookie", AccessGuardCookie("test-token"));
            if (origin is not null)
                request.Headers.Add("Origin", origin);
            return request;
        }
        using var evil = await client.SendAsync(Post("http://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, evil.StatusCode);
        Assert.Contains("cross-origin", await evil.Content.ReadAsStringAsync());
        using var none = await client.SendAsync(Post(null));
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        // Its own origin passes the gate (whatever the endpoint then answers): the refusal above was the origin's.
        using var own = await client.SendAsync(Post(server.Address.GetLeftPart(UriPartial.Authority)));
        Assert.NotEqual(HttpStatusCode.Forbidden, own.StatusCode);
    }

    [Fact]
    public async Task AnotherHostNameIsRefusedEvenWithTheToken()
    {
        // DNS rebinding: a page of evil.example resolving to 127.0.0.1 reaches the port under its own name.
        using var dir = new TempDir();
        var (a, _) = await ViewRuns.CreateAsync(dir);
        await using var server = await ViewServer.StartAsync(ViewRuns.Options(dir, a) with { Token = "test-token" });
        using var client = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example:" + server.Address.Port;
        request.Headers.Add("Cookie", AccessGuardCookie("test-token"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string AccessGuardCookie(string token) => "alert_view_token=" + token;
}
