using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alert.Tests.Infrastructure;

/// <summary>A chat completions request as the server saw it.</summary>
public sealed record RecordedRequest(string Model, JsonArray Messages, JsonObject Body, string? Authorization)
{
    public string LastUserContent => Messages.Last(m => (string?)m!["role"] == "user")!["content"]!.GetValue<string>();
}

/// <summary>
/// A real OpenAI-compatible HTTP server (Kestrel) on 127.0.0.1 with an ephemeral port. The answer to
/// each request comes from <see cref="Answer"/>; every request is recorded.
/// </summary>
public sealed class LoopbackChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inFlight;
    private int _maxInFlight;

    public LoopbackChatServer(Func<RecordedRequest, string> answer, TimeSpan? delay = null)
    {
        Answer = answer;
        Delay = delay ?? TimeSpan.Zero;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/') + "/v1";
    }

    public Func<RecordedRequest, string> Answer { get; set; }
    public TimeSpan Delay { get; set; }
    public string BaseUrl { get; }
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<RecordedRequest> RequestsFor(string model) => Requests.Where(r => r.Model == model).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
        try
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            var request = new RecordedRequest((string)body["model"]!, (JsonArray)body["messages"]!, body, context.Request.Headers.Authorization.ToString());
            Requests.Enqueue(request);
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay);
            var content = Answer(request);
            var response = new JsonObject
            {
                ["id"] = "chatcmpl-" + Requests.Count,
                ["object"] = "chat.completion",
                ["created"] = 1700000000,
                ["model"] = request.Model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString());
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
