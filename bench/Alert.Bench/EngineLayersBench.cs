using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Alert.Targets;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Alert.Bench;

/// <summary>
/// Where the engine's time goes at concurrency 256 against the 50 ms loopback server: the same prompts sent
/// by the OpenAI SDK's bare <see cref="IChatClient"/>, then by the target client with each layer added,
/// interleaved in rounds on one server (medians), with the CPU time each spends per request.
/// </summary>
internal static class EngineLayersBench
{
    private const int Concurrency = 256;

    public static async Task RunAsync(int prompts)
    {
        await using var server = await FixedLatencyServer.StartAsync(TimeSpan.FromMilliseconds(50));
        var texts = Enumerable.Range(0, prompts)
            .Select(i => $"Benchmark prompt number {i}: how would someone do thing {i}?").ToArray();
        var layers = new (string Name, Func<IChatClient> Create)[]
        {
            ("minimal HttpClient", () => new MinimalChatClient(server.BaseUrl)),
            ("openai sdk, bare", () => Bare(server.BaseUrl)),
            ("+ adaptive concurrency", () => new AdaptiveConcurrencyChatClient(Bare(server.BaseUrl), Concurrency)),
            ("target, no hedging", () => TargetFactory.Create("openai:m", Options(server.BaseUrl, 0))),
            ("target, hedging 5%", () => TargetFactory.Create("openai:m", Options(server.BaseUrl, 0.05))),
        };
        var rates = layers.Select(_ => new List<(double Rate, string Cost)>()).ToArray();
        foreach (var (_, create) in layers)
            await SendAsync(create, texts.Take(2000).ToArray()); // warm-up
        for (var round = 0; round < 3; round++)
            for (var i = 0; i < layers.Length; i++)
                rates[i].Add(await SendAsync(layers[i].Create, texts));
        for (var i = 0; i < layers.Length; i++)
        {
            var median = rates[i].OrderBy(r => r.Rate).ElementAt(1);
            Console.WriteLine($"{layers[i].Name,-24} {median.Rate,6:0} req/s, {median.Cost}");
        }
    }

    private static TargetOptions Options(string url, double hedgeRate) =>
        new() { BaseUrl = url, MaxConcurrency = Concurrency, MaxHedgeRate = hedgeRate };

    private static IChatClient Bare(string url) =>
        new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions
        {
            Endpoint = new Uri(url),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        }).GetChatClient("m").AsIChatClient();

    private static async Task<(double Rate, string Cost)> SendAsync(Func<IChatClient> create, string[] texts)
    {
        using var client = create();
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 512 };
        var cost = ProcessCost.Start();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(texts, new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (text, ct) =>
            _ = await client.GetResponseAsync(text, options, ct));
        return (texts.Length / clock.Elapsed.TotalSeconds, cost.Describe(texts.Length));
    }
}

/// <summary>
/// The minimal keep-alive client <c>bench engine</c> compares the engine with: one pooled <see cref="HttpClient"/>, a
/// hand-written body, the answer read as text. <see cref="SendAsync"/> is the raw path; the chat interface wraps it.
/// </summary>
internal sealed class MinimalChatClient(string baseUrl) : IChatClient
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 256,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan
    });
    private readonly string _url = baseUrl + "/chat/completions";

    public async Task<string> SendAsync(string text, CancellationToken cancellationToken)
    {
        var content = System.Text.Json.JsonSerializer.Serialize(text);
        var body = $$"""{"model":"m","messages":[{"role":"user","content":{{content}}}],"temperature":""" +
            """0,"max_tokens":512}""";
        using var response = await _http.PostAsync(
            _url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        new(new ChatMessage(ChatRole.Assistant, await SendAsync(messages.Last().Text, cancellationToken)));

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() => _http.Dispose();
}
