using Alert.Targets;
using Alert.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Alert.Tests.Targets;

/// <summary>
/// The circuit's sustained window: once a target has answered, it stops only when every attempt in the last
/// <see cref="ResilientChatClient.FailFastWindow"/> failed for a persistent reason. The window is read from the
/// injected
/// <see cref="TimeProvider"/>, so the test moves a clock instead of waiting 30 s.
/// </summary>
public class FailFastWindowTests
{
    /// <summary>Real time plus an offset the test moves forward; timers are the system's.</summary>
    private sealed class JumpingTime : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() =>
            System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

        public override long GetTimestamp() =>
            System.GetTimestamp() + (long)(Interlocked.Read(ref _offsetTicks)
                * (double)System.TimestampFrequency / TimeSpan.TicksPerSecond);
    }

    private static Task<ChatResponse> Ask(IChatClient client, int i) =>
        client.GetResponseAsync([new ChatMessage(ChatRole.User, $"Prompt {i}")]);

    [Fact]
    public async Task AfterSuccessesEveryAttemptFailingForAWholeWindowStopsTheTarget()
    {
        await using var server = new LoopbackChatServer(_ => "I can't help with that.");
        var time = new JumpingTime();
        using var client = TargetFactory.Create(
            "openai:m", new TargetOptions { BaseUrl = server.BaseUrl, MaxAttempts = 1, MaxHedgeRate = 0 }, time: time);
        for (var i = 0; i < 3; i++)
            await Ask(client, i);

        // The key is revoked mid-run: within the window the earlier successes keep the target in use, and each
        // failure is the request's own error, however many there are.
        server.Fault = _ => ServerFault.Unauthorized;
        for (var i = 0; i < 3 * ResilientChatClient.FailFastAttempts; i++)
        {
            var e = await Assert.ThrowsAsync<TargetRequestException>(() => Ask(client, 100 + i));
            Assert.Contains("HTTP 401", e.Message);
        }
        time.Advance(ResilientChatClient.FailFastWindow / 2);
        await Assert.ThrowsAsync<TargetRequestException>(() => Ask(client, 200));

        // A whole window later the successes have aged out: every attempt the circuit sees failed, and it opens.
        time.Advance(ResilientChatClient.FailFastWindow);
        Exception? last = null;
        for (var i = 0; i < 2 * ResilientChatClient.FailFastAttempts && last is not TargetUnusableException; i++)
            last = await Record.ExceptionAsync(() => Ask(client, 300 + i));
        var unusable = Assert.IsType<TargetUnusableException>(last);
        Assert.Equal(TargetFaultKind.Unauthorized, unusable.Kind);
        Assert.Contains("Invalid token: the key was revoked", unusable.Message);

        // From then on every request fails at once with the same reason, without reaching the server.
        var asked = server.Requests.Count;
        Assert.Same(unusable, await Assert.ThrowsAsync<TargetUnusableException>(() => Ask(client, 400)));
        Assert.Equal(asked, server.Requests.Count);
    }
}
