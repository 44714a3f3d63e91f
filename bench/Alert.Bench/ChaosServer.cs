using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alert.Bench;

/// <summary>How the chaos server fails a request.</summary>
internal enum ChaosFault
{
    None,
    TooManyRequests, // 429 with Retry-After: 1
    InternalError, // 500
    Unavailable, // 503
    Hang, // no answer for 120 s (or until the client gives up)
    ConnectionReset,
    MalformedJson,
    ShortBody, // fewer bytes than its Content-Length, then the connection closes
}

/// <summary>
/// An OpenAI-compatible server on loopback that answers after a latency and fails a share of requests in
/// seven ways, from a seeded generator; it counts requests in flight and answers per prompt.
/// </summary>
internal sealed class ChaosServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Random _random;
    private readonly ChaosFault[] _kinds = Enum.GetValues<ChaosFault>().Where(f => f != ChaosFault.None).ToArray();
    private int _inFlight;
    private int _maxInFlight;
    private long _requests;

    private ChaosServer(WebApplication app, int seed)
    {
        _app = app;
        _random = new Random(seed);
    }

    public string BaseUrl { get; private set; } = "";
    public double FaultRate { get; init; }
    public TimeSpan Latency { get; init; }
    /// <summary>A share of requests that take <see cref="StragglerLatency"/> instead (no fault).</summary>
    public double StragglerRate { get; init; }
    public TimeSpan StragglerLatency { get; init; }
    public TimeSpan HangFor { get; init; } = TimeSpan.FromSeconds(120);
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);
    public long Requests => Interlocked.Read(ref _requests);
    public ConcurrentDictionary<ChaosFault, int> Faults { get; } = new();
    public int Stragglers;
    /// <summary>Successful answers per prompt text.</summary>
    public ConcurrentDictionary<string, int> Answered { get; } = new(StringComparer.Ordinal);

    public static async Task<ChaosServer> StartAsync(
        int seed, double faultRate, TimeSpan latency, double stragglerRate = 0, TimeSpan? stragglerLatency = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ChaosServer(app, seed)
        {
            FaultRate = faultRate,
            Latency = latency,
            StragglerRate = stragglerRate,
            StragglerLatency = stragglerLatency ?? TimeSpan.Zero,
        };
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/v1";
        return server;
    }

    private (ChaosFault Fault, bool Straggler) Draw()
    {
        lock (_random)
        {
            var fault = _random.NextDouble() < FaultRate ? _kinds[_random.Next(_kinds.Length)] : ChaosFault.None;
            return (fault, fault == ChaosFault.None && _random.NextDouble() < StragglerRate);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlight)) < now
            && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
        Interlocked.Increment(ref _requests);
        try
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            var prompt = (string)body["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!["content"]!;
            var (fault, straggler) = Draw();
            if (straggler)
                Interlocked.Increment(ref Stragglers);
            try
            {
                await Task.Delay(straggler ? StragglerLatency : Latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (fault != ChaosFault.None)
            {
                Faults.AddOrUpdate(fault, 1, (_, n) => n + 1);
                await FailAsync(context, fault);
                return;
            }
            var answer = new JsonObject
            {
                ["id"] = "chatcmpl-1",
                ["object"] = "chat.completion",
                ["created"] = 1700000000,
                ["model"] = (string)body["model"]!,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject
                    {
                        ["role"] = "assistant",
                        ["content"] = "I'm sorry, but I can't help with that."
                    },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject
                {
                    ["prompt_tokens"] = 20,
                    ["completion_tokens"] = 10,
                    ["total_tokens"] = 30
                },
            };
            var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            try
            {
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
                await context.Response.CompleteAsync();
                Answered.AddOrUpdate(prompt, 1, (_, n) => n + 1);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client gave up (a hedge won): not an answer it received.
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task FailAsync(HttpContext context, ChaosFault fault)
    {
        switch (fault)
        {
            case ChaosFault.TooManyRequests:
                context.Response.StatusCode = 429;
                context.Response.Headers["Retry-After"] = "1";
                await context.Response.WriteAsync("""{"error":{"message":"rate limited","type":"rate_limit"}}""");
                break;
            case ChaosFault.InternalError:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("""{"error":{"message":"internal error"}}""");
                break;
            case ChaosFault.Unavailable:
                context.Response.StatusCode = 503;
                await context.Response.WriteAsync("overloaded");
                break;
            case ChaosFault.Hang:
                try
                {
                    await Task.Delay(HangFor, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                break;
            case ChaosFault.ConnectionReset:
                context.Abort();
                break;
            case ChaosFault.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"x\", \"choices\": [ this is not json");
                break;
            case ChaosFault.ShortBody:
                var full = Encoding.UTF8.GetBytes(
                    "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0," +
                    "\"message\":{\"role\":\"assistant\",\"content\":\"I'm sorry\"}}]}");
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = full.Length;
                await context.Response.Body.WriteAsync(full.AsMemory(0, full.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
