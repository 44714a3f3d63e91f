using System.Collections.Concurrent;
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
public sealed partial class LoopbackChatServer : IAsyncDisposable
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
        _app.MapPost("/v1/files", (Delegate)UploadAsync);
        _app.MapGet("/v1/files/{id}/content", (string id) => Results.Text(Files[id], "application/jsonl"));
        _app.MapPost("/v1/batches", (Delegate)CreateBatchAsync);
        _app.MapGet("/v1/batches/{id}", PollBatch);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/') + "/v1";
    }

    public Func<RecordedRequest, string> Answer { get; set; }

    /// <summary>Decides whether (and how) to fail each request; null never fails.</summary>
    public Func<RecordedRequest, ServerFault>? Fault { get; set; }

    /// <summary>Successful answers, per last user message.</summary>
    public ConcurrentDictionary<string, int> Answered { get; } = new();

    /// <summary>Failures served, per kind.</summary>
    public ConcurrentDictionary<ServerFault, int> Faults { get; } = new();

    /// <summary>
    /// A fault plan that fails <paramref name="rate"/> of requests, cycling through every kind of fault,
    /// from a seeded generator (so a run is repeatable).
    /// </summary>
    public static Func<RecordedRequest, ServerFault> RandomFaults(double rate, int seed)
    {
        var random = new Random(seed);
        var kinds = TransientFaults;
        var next = 0;
        return _ =>
        {
            lock (random)
                return random.NextDouble() < rate ? kinds[next++ % kinds.Length] : ServerFault.None;
        };
    }

    /// <summary>The faults a retry can mend (RandomFaults picks among them).</summary>
    public static ServerFault[] TransientFaults { get; } =
        [ServerFault.TooManyRequests, ServerFault.InternalError, ServerFault.Unavailable, ServerFault.Hang,
            ServerFault.ConnectionReset, ServerFault.MalformedJson, ServerFault.TruncatedBody];

    public TimeSpan Delay { get; set; }
    public string BaseUrl { get; }
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    /// <summary>The most requests in flight at once: received, not yet answered, and whose client the server has
    /// not seen go (a client that gave up is no load the server works for).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Requests in flight now, as <see cref="MaxInFlight"/> counts them.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);
    /// <summary>Chunks written to streaming answers.</summary>
    public int StreamedChunks { get; private set; }

    /// <summary>Uploaded and produced files by id; batches by id with how often they were polled.</summary>
    public ConcurrentDictionary<string, string> Files { get; } = new();
    public ConcurrentDictionary<string, (string InputFile, int Polls)> Batches { get; } = new();
    /// <summary>Polls a batch stays in progress before it completes.</summary>
    public int BatchPollsUntilDone { get; set; } = 2;

    private async Task<IResult> UploadAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if ((string?)form["purpose"] != "batch" || form.Files.Count != 1)
            return Results.BadRequest();
        using var reader = new StreamReader(form.Files[0].OpenReadStream());
        var id = "file-" + Files.Count;
        Files[id] = await reader.ReadToEndAsync();
        return Results.Json(new { id, @object = "file", purpose = "batch" });
    }

    private async Task<IResult> CreateBatchAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        var id = "batch-" + Batches.Count;
        Batches[id] = ((string)body["input_file_id"]!, 0);
        return Results.Json(new { id, @object = "batch", status = "validating" });
    }

    private IResult PollBatch(string id)
    {
        var (input, polls) = Batches[id];
        Batches[id] = (input, polls + 1);
        if (polls < BatchPollsUntilDone)
            return Results.Json(new { id, status = "in_progress" });
        var output = new System.Text.StringBuilder();
        foreach (var line in Files[input].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var row = (JsonObject)JsonNode.Parse(line)!;
            var body = (JsonObject)row["body"]!;
            var request = new RecordedRequest((string)body["model"]!, (JsonArray)body["messages"]!, body, null);
            var content = Answer(request);
            var result = new JsonObject
            {
                ["id"] = "batch_req_" + row["custom_id"],
                ["custom_id"] = (string)row["custom_id"]!,
                ["response"] = new JsonObject
                {
                    ["status_code"] = 200,
                    ["body"] = new JsonObject
                    {
                        ["choices"] = new JsonArray(
                            new JsonObject
                            {
                                ["index"] = 0,
                                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }
                            }),
                        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5 },
                    },
                },
                ["error"] = null,
            };
            output.Append(result.ToJsonString()).Append('\n');
        }
        var outputId = "file-out-" + id;
        Files[outputId] = output.ToString();
        return Results.Json(new { id, status = "completed", output_file_id = outputId });
    }

    public IReadOnlyList<RecordedRequest> RequestsFor(string model) => Requests.Where(r => r.Model == model).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlight)) < now
            && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
        // A request leaves the count once: when the server sees its client go (a cancelled request's socket
        // closed; a reset it served), or when its answer is written, whichever is first. Counting a request until
        // its handler's code next runs would count a client that left long ago on a loaded machine.
        var left = 0;
        void Leave()
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
                Interlocked.Decrement(ref _inFlight);
        }
        using var gone = context.RequestAborted.Register(Leave);
        try
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            var request = new RecordedRequest((string)body["model"]!, (JsonArray)body["messages"]!, body,
                context.Request.Headers.Authorization.ToString());
            Requests.Enqueue(request);
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay);
            var fault = Fault?.Invoke(request) ?? ServerFault.None;
            if (fault != ServerFault.None)
            {
                Faults.AddOrUpdate(fault, 1, (_, n) => n + 1);
                await FailAsync(context, fault, Leave);
                return;
            }
            var content = Answer(request);
            if (body["stream"] is JsonValue stream && stream.GetValue<bool>())
            {
                // Server-sent events, a few characters per chunk, as OpenAI-compatible servers stream.
                context.Response.ContentType = "text/event-stream";
                for (var i = 0; i < content.Length; i += 8)
                {
                    var piece = content.Substring(i, Math.Min(8, content.Length - i));
                    var chunk = new JsonObject
                    {
                        ["id"] = "chatcmpl-s",
                        ["object"] = "chat.completion.chunk",
                        ["created"] =
                            1700000000,
                        ["model"] = request.Model,
                        ["choices"] = new JsonArray(
                            new JsonObject
                            {
                                ["index"] = 0,
                                ["delta"] = new JsonObject { ["content"] = piece },
                                ["finish_reason"] = null
                            }),
                    };
                    await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
                    await context.Response.Body.FlushAsync();
                    StreamedChunks++;
                }
                var end = new JsonObject
                {
                    ["id"] = "chatcmpl-s",
                    ["object"] = "chat.completion.chunk",
                    ["created"] = 1700000000,
                    ["model"] =
                        request.Model,
                    ["choices"] = new JsonArray(
                        new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = "stop" }),
                };
                await context.Response.WriteAsync("data: " + end.ToJsonString() + "\n\ndata: [DONE]\n\n");
                Answered.AddOrUpdate(request.LastUserContent, 1, (_, n) => n + 1);
                return;
            }
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
            Answered.AddOrUpdate(request.LastUserContent, 1, (_, n) => n + 1);
        }
        finally
        {
            Leave();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
