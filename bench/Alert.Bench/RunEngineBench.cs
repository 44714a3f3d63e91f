using System.Diagnostics;
using System.Net;
using System.Text;
using Alert.Benchmark;
using Alert.Judges;
using Alert.Running;
using Alert.Storage;
using Alert.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alert.Bench;

/// <summary>
/// The run engine against a loopback OpenAI-compatible server with a fixed 50 ms latency: the harness's
/// rate against a minimal keep-alive HTTP client's (and the ideal, concurrency / latency), promptfoo's
/// rate on the same prompts and server when it is installed, and the harness's peak memory on the full
/// 45k built-in benchmark (the CLI in a child process).
/// </summary>
internal static partial class RunEngineBench
{
    private const int Concurrency = 256;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(int prompts, string? promptfooDir)
    {
        await using var server = await FixedLatencyServer.StartAsync(Latency);
        var ideal = Concurrency / Latency.TotalSeconds;
        Console.WriteLine(
            $"loopback server {server.BaseUrl}, latency {Latency.TotalMilliseconds} ms, " +
            $"concurrency {Concurrency}, {prompts} prompts; ideal {ideal:0} req/s");

        var texts = Enumerable.Range(0, prompts)
            .Select(i => $"Benchmark prompt number {i}: how would someone do thing {i}?").ToArray();
        await MinimalClientAsync(server, texts.Take(2000).ToArray()); // warm-up
        await HarnessAsync(server, texts.Take(2000).ToArray());
        // Interleaved rounds, medians: the two share a noisy 2-core machine with the server.
        var minimalRates = new List<double>();
        var harnessRates = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            minimalRates.Add(await MinimalClientAsync(server, texts));
            harnessRates.Add(await HarnessAsync(server, texts));
            Console.WriteLine(
                $"  round {round + 1}: minimal {minimalRates[^1]:0} req/s, alert {harnessRates[^1]:0} req/s");
        }
        var minimal = minimalRates.Order().ElementAt(1);
        var harness = harnessRates.Order().ElementAt(1);
        Console.WriteLine($"minimal keep-alive HttpClient: {minimal:0} req/s ({minimal / ideal:P0} of ideal)");

        Console.WriteLine(
            $"alert run engine (full middleware, SQLite store, judge stage): {harness:0} req/s " +
            $"({harness / minimal:P1} of the minimal client; target >= 90%)");

        if (promptfooDir is not null && File.Exists(Path.Combine(promptfooDir, "node_modules", ".bin", "promptfoo")))
        {
            var promptfoo = await PromptfooAsync(server, texts, promptfooDir);
            if (promptfoo is { } rate)
                Console.WriteLine(
                    $"promptfoo 0.121.20 (same prompts, server, concurrency): {rate:0} req/s; alert / promptfoo " +
                    $"= {harness / rate:0.0}x");
        }
        else
        {
            Console.WriteLine(
                "promptfoo: not installed (npm install promptfoo@0.121.20 in a folder and pass it as the second " +
                "argument)");
        }

        await FullRunMemoryAsync(server);
    }

    /// <summary>The harness alone: an instant in-process target, so what is measured is the engine's own cost per
    /// prompt.</summary>
    public static async Task OverheadAsync(int prompts)
    {
        var texts = Enumerable.Range(0, prompts)
            .Select(i => $"Benchmark prompt number {i}: how would someone do thing {i}?").ToArray();
        for (var round = 0; round < 3; round++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "alert-bench-overhead-" + Guid.NewGuid().ToString("N"));
            var categories = Taxonomy.AlertTaxonomy.Default.Categories;
            var keyed = texts.Select((t, i) => new KeyedPrompt(
                i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new BenchmarkPrompt(i, categories[i % categories.Count].Label, InstructionFrame.Wrap(t)), i)).ToArray();
            var benchmark = new BenchmarkSet("bench", Alert.Common.Sha256.Hex(string.Join("\n", texts)), keyed);
            await using (var store = await RunStore.OpenAsync(dir))
            {
                await store.InitializeAsync(new RunIdentity("mock:refuse", "", benchmark.Name, benchmark.Sha256),
                    benchmark, DateTimeOffset.UtcNow);
                using var target = TargetFactory.Create("mock:refuse", TargetOptions.Default);
                var clock = Stopwatch.StartNew();
                await new AlertRunner(target, TargetOptions.Default, new RefusalJudge())
                    .RunAsync(store, new RunOptions { Concurrency = Concurrency });
                Console.WriteLine(
                    $"engine overhead: {prompts} prompts in {clock.ElapsedMilliseconds} ms " +
                    $"({clock.Elapsed.TotalMilliseconds * 1000 / prompts:0} us per prompt)");
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<double> MinimalClientAsync(FixedLatencyServer server, string[] texts)
    {
        using var client = new MinimalChatClient(server.BaseUrl);
        var cost = ProcessCost.Start();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(texts, new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (text, ct) =>
            _ = await client.SendAsync(text, ct));
        var rate = texts.Length / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  minimal: {cost.Describe(texts.Length)}");
        return rate;
    }

    private static async Task<double> HarnessAsync(FixedLatencyServer server, string[] texts)
    {
        var dir = Path.Combine(Path.GetTempPath(), "alert-bench-run-" + Guid.NewGuid().ToString("N"));
        try
        {
            var categories = Taxonomy.AlertTaxonomy.Default.Categories;
            var prompts = texts.Select((t, i) =>
                new KeyedPrompt(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new BenchmarkPrompt(i, categories[i % categories.Count].Label, InstructionFrame.Wrap(t)), i)).ToArray();
            var benchmark = new BenchmarkSet("bench", Alert.Common.Sha256.Hex(string.Join("\n", texts)), prompts);
            // ALERT_BENCH_HEDGE_RATE=0 measures the engine without hedging (the default budget is 5%).
            var options = new TargetOptions
            {
                BaseUrl = server.BaseUrl,
                MaxConcurrency = Concurrency,
                MaxHedgeRate = double.Parse(Environment.GetEnvironmentVariable("ALERT_BENCH_HEDGE_RATE") ?? "0.05",
                    System.Globalization.CultureInfo.InvariantCulture),
            };
            using var target = TargetFactory.Create("openai:m", options);
            await using var store = await RunStore.OpenAsync(dir);
            await store.InitializeAsync(new RunIdentity(
                "openai:m", options.Identity, benchmark.Name, benchmark.Sha256), benchmark, DateTimeOffset.UtcNow);
            var runner = new AlertRunner(target, options, new RefusalJudge());
            var cost = ProcessCost.Start();
            var clock = Stopwatch.StartNew();
            var summary = await runner.RunAsync(store, new RunOptions { Concurrency = Concurrency });
            var rate = texts.Length / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  alert: {cost.Describe(texts.Length)}");
            if (summary.TargetErrors > 0)
                Console.WriteLine($"  ({summary.TargetErrors} target errors)");
            return rate;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}

/// <summary>A minimal OpenAI-compatible server: every answer after a fixed delay.</summary>
internal sealed class FixedLatencyServer : IAsyncDisposable
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"m\"," +
        "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\"," +
        "\"content\":\"I'm sorry, but I can't help with that.\"},\"finish_reason\":\"stop\"}]," +
        "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}");
    private readonly WebApplication _app;
    private long _requests;

    private FixedLatencyServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<FixedLatencyServer> StartAsync(TimeSpan latency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FixedLatencyServer? self = null;
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            // Read the request like a real server would.
            await context.Request.Body.CopyToAsync(Stream.Null);
            await Task.Delay(latency);
            Interlocked.Increment(ref self!._requests);
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Body.Length;
            await context.Response.Body.WriteAsync(Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FixedLatencyServer(app, address.TrimEnd('/') + "/v1");
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
