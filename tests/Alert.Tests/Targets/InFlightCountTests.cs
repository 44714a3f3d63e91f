using System.Diagnostics;
using System.Net.Http.Json;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Targets;

/// <summary>
/// What the loopback server counts as in flight, which the concurrency tests hold the engine to: a request whose
/// client the server has seen go no longer counts, however long its handler takes to notice (docs/scale.md: a
/// cancelled request keeps its client-side slot 100 ms, until the server has seen it go).
/// </summary>
public class InFlightCountTests
{
    [Fact]
    public async Task ARequestLeavesTheCountWhenTheServerSeesItsClientGoNotWhenItsHandlerEnds()
    {
        // The handler is held up well past the client's cancellation, as a starved thread pool holds it.
        using var release = new ManualResetEventSlim();
        await using var server = new LoopbackChatServer(_ =>
        {
            release.Wait(TimeSpan.FromSeconds(20));
            return "I'm sorry, I can't help with that.";
        });
        using var http = new HttpClient();
        using var cancel = new CancellationTokenSource();
        var request = new { model = "m", messages = new[] { new { role = "user", content = "Hello" } } };
        var sent = http.PostAsJsonAsync(server.BaseUrl + "/chat/completions", request, cancel.Token);
        var clock = Stopwatch.StartNew();
        while (server.Requests.IsEmpty && clock.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(10);
        Assert.Equal(1, server.InFlight);
        // The client gives up (a timeout, a hedge that lost) while the handler is still held up.
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent);
        clock.Restart();
        while (server.InFlight > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(10);
        var inFlight = server.InFlight;
        release.Set();
        Assert.True(inFlight == 0, $"{inFlight} request still counted {clock.ElapsedMilliseconds} ms after its "
            + "client went, with its handler still running");
    }

    [Fact]
    public async Task AResetLeavesTheCountBeforeTheClientSeesIt()
    {
        await using var server = new LoopbackChatServer(_ => "unused")
        {
            Fault = _ => ServerFault.ConnectionReset,
        };
        using var http = new HttpClient();
        var request = new { model = "m", messages = new[] { new { role = "user", content = "Hello" } } };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            http.PostAsJsonAsync(server.BaseUrl + "/chat/completions", request));
        // The client has seen the reset: the server counts nothing any more.
        Assert.Equal(0, server.InFlight);
    }
}
