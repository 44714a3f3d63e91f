using System.Diagnostics;
using System.Text.Json.Nodes;
using Alert.Targets;
using Alert.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Alert.Tests.Targets;

/// <summary>Hedged stragglers, a concurrency limit that ignores sporadic overload codes, and the health a run
/// records.</summary>
public class StragglerTests
{
    [Fact]
    public async Task HungRequestsAreHedgedWithinTheBudgetAndTheLimitHolds()
    {
        // The first request for every 40th prompt hangs (30 s); the rest, hedges included, answer in 20 ms.
        // Keyed by prompt, not by request count, so a hedge never lands on a hang by chance.
        var hung = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        await using var server = new LoopbackChatServer(_ => "ok", TimeSpan.FromMilliseconds(20));
        server.Fault = r => int.Parse(r.LastUserContent[1..],
            System.Globalization.CultureInfo.InvariantCulture) % 40 == 39
            && hung.TryAdd(r.LastUserContent, true) ? ServerFault.Hang : ServerFault.None;
        using var client = TargetFactory.Create(
            "openai:m", new TargetOptions { BaseUrl = server.BaseUrl, MaxConcurrency = 8 });
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) =>
            Assert.Equal("ok", (await client.GetResponseAsync($"q{i}", cancellationToken: ct)).Text));
        var health = client.GetService<TargetHealth>()!;
        // Without a hedge a hung request holds its slot until its attempt times out (10 s at the soonest).
        Assert.Equal(0, health.Timeouts);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{clock.Elapsed}: hung requests held their slots");
        Assert.InRange(health.Hedges, 10, 20); // every hung request, and at most 5% of 400
        Assert.True(server.MaxInFlight <= 8, $"{server.MaxInFlight} in flight with a limit of 8");
    }

    [Fact]
    public async Task SporadicOverloadCodesDoNotCutTheLimit()
    {
        // 5% of requests get 429 whatever the load: not a server asking to slow down.
        var random = new Random(3);
        await using var server = new LoopbackChatServer(_ => "ok", TimeSpan.FromMilliseconds(5));
        server.Fault = _ =>
        {
            lock (random) return random.NextDouble() < 0.05 ? ServerFault.TooManyRequests
            : ServerFault.None;
        };
        using var client = TargetFactory.Create(
            "openai:m", new TargetOptions
            {
                BaseUrl = server.BaseUrl,
                MaxConcurrency = 16,
                RetryBaseDelay = TimeSpan.FromMilliseconds(5)
            });
        await Parallel.ForEachAsync(Enumerable.Range(0, 600), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) =>
            await client.GetResponseAsync($"q{i}", cancellationToken: ct));
        var limiter = client.GetService<AdaptiveConcurrencyChatClient>()!;
        Assert.Equal(0, limiter.Decreases);
        Assert.Equal(16, limiter.Limit);
    }

    [Fact]
    public async Task ARunRecordsItsHealthInTheManifestAndSummary()
    {
        using var dir = new TempDir();
        var bench = await BenchmarkFiles.WriteAsync(dir, 300);
        await using var server = new LoopbackChatServer(
            _ => "I'm sorry, but I can't help with that.")
        { Fault = LoopbackChatServer.RandomFaults(0.1, seed: 5) };
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--judge", "refusal",
            "--no-cache", "--timeout", "2", "--retry-delay", "0.01", "--out", dir.File("run"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(result.Out.Split('\n'), l =>
            l.StartsWith("target health: ", StringComparison.Ordinal) && l.Contains("p99")
            && l.Contains("retries 429 x"));
        var health = JsonNode.Parse(File.ReadAllText(
            Path.Combine(dir.File("run"), "manifest.json")))!["target_health"]!;
        Assert.Equal(300, (long)health["requests"]!);
        Assert.True((double)health["latency_ms"]!["p50"]! <= (double)health["latency_ms"]!["p99"]!);
        Assert.True((long)health["retries"]!["429"]! > 0);
        Assert.NotEmpty(health["concurrency_limit"]!.AsObject());
    }
}
