using System.ClientModel;
using System.ClientModel.Primitives;
using LLama;
using LLama.Abstractions;
using LLama.Common;
using Alert.Caching;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Alert.Targets;

/// <summary>
/// Creates the <see cref="IChatClient"/> for a target spec: <c>openai:MODEL</c>, <c>ollama:MODEL</c>,
/// <c>gguf:PATH</c> or <c>mock:refuse|comply|echo</c>. Retries and limits are added as middleware.
/// </summary>
public static class TargetFactory
{
    public const string OpenAIBaseUrlVariable = "OPENAI_BASE_URL";
    public const string OpenAIKeyVariable = "OPENAI_API_KEY";
    public const string DefaultOllamaUrl = "http://localhost:11434";

    public static readonly string[] Providers = ["openai", "ollama", "gguf", "mock"];

    /// <summary>Splits <c>provider:rest</c>; the rest may itself contain colons (e.g. Ollama tags).</summary>
    public static (string Provider, string Name) Parse(string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == spec.Length - 1)
            throw new AlertException($"bad target '{spec}': expected PROVIDER:MODEL with PROVIDER one of {string.Join(", ", Providers)}");
        var provider = spec[..colon].ToLowerInvariant();
        if (!Providers.Contains(provider))
            throw new AlertException($"bad target '{spec}': unknown provider '{provider}' (expected one of {string.Join(", ", Providers)})");
        return (provider, spec[(colon + 1)..]);
    }

    /// <summary>The model client with retries, timeouts and (for in-process models) a concurrency limit.</summary>
    /// <remarks>
    /// Layers, outermost first: the shared answer cache (when given), retries with backoff, hedging and an
    /// adaptive timeout per attempt (one Polly pipeline), load balancing over several servers, then per server
    /// an adaptive concurrency limit in front of the transport. They share one <see cref="TargetHealth"/>,
    /// reachable with <c>GetService&lt;TargetHealth&gt;()</c>.
    /// </remarks>
    public static IChatClient Create(string spec, TargetOptions options, string? apiKey = null, TimeProvider? time = null, ResponseCache? cache = null)
    {
        var (provider, name) = Parse(spec);
        if (provider == "mock")
            return new MockChatClient(name);
        var health = new TargetHealth(time);
        IChatClient client;
        if (provider == "gguf")
        {
            client = new ConcurrencyLimitingChatClient(CreateGguf(name), 1);
        }
        else
        {
            var urls = ServerUrls(provider, options);
            var key = apiKey ?? Environment.GetEnvironmentVariable(OpenAIKeyVariable);
            var endpoints = urls.Select(url => (IChatClient)new AdaptiveConcurrencyChatClient(provider == "openai"
                ? CreateOpenAI(name, url, key)
                : new OllamaApiClient(new HttpClient { BaseAddress = new Uri(url!), Timeout = Timeout.InfiniteTimeSpan }, name), options.MaxConcurrency, time,
                health, url is null ? "default" : RedactUrl(url))).ToList();
            client = endpoints.Count == 1 ? endpoints[0] : new LoadBalancingChatClient(endpoints, time);
        }
        // An in-process model has one slot: a hedge would only queue behind the attempt it hedges.
        var resilience = provider == "gguf" ? options with { MaxHedgeRate = 0 } : options;
        var builder = client.AsBuilder().UseAlertResilience(resilience, time, health, slotted: true);
        if (cache is not null)
            builder.Use(inner => new ResponseCachingChatClient(inner, cache, CacheOwner(spec, options), time));
        return builder.Build();
    }

    /// <summary>Who a cached answer belongs to: the spec and its servers (never a key).</summary>
    public static string CacheOwner(string spec, TargetOptions options) => Describe(spec, options);

    private static IReadOnlyList<string?> ServerUrls(string provider, TargetOptions options)
    {
        if (provider == "ollama")
            return options.BaseUrls.Count > 0 ? options.BaseUrls.ToArray() : [DefaultOllamaUrl];
        return options.BaseUrls.Count > 0 ? options.BaseUrls.ToArray() : new[] { ResolveOpenAIBaseUrl(null) };
    }

    /// <summary>A description of the target that is safe to store: spec and server, never a key.</summary>
    public static string Describe(string spec, TargetOptions options)
    {
        var (provider, _) = Parse(spec);
        var urls = provider is "openai" or "ollama" ? ServerUrls(provider, options).Where(u => u is not null).Select(u => RedactUrl(u!)).Order(StringComparer.Ordinal).ToList() : [];
        return urls.Count == 0 ? spec : $"{spec} @ {string.Join(", ", urls)}";
    }

    public static string? ResolveOpenAIBaseUrl(string? baseUrl) =>
        baseUrl is { Length: > 0 } ? baseUrl
        : Environment.GetEnvironmentVariable(OpenAIBaseUrlVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    /// <summary>Drops user info and query strings (where keys sometimes hide) from a URL.</summary>
    public static string RedactUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? new UriBuilder(uri) { UserName = "", Password = "", Query = "" }.Uri.ToString().TrimEnd('/')
            : "(invalid url)";

    private static IChatClient CreateOpenAI(string model, string? baseUrl, string? apiKey)
    {
        var clientOptions = new OpenAIClientOptions
        {
            // Retries and timeouts are our middleware's job: one place, one policy.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        if (baseUrl is not null)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                throw new AlertException($"bad base URL '{RedactUrl(baseUrl)}': expected http(s)://host[:port]/v1");
            clientOptions.Endpoint = endpoint;
        }
        else if (string.IsNullOrEmpty(apiKey))
        {
            throw new AlertException($"openai:{model} needs {OpenAIKeyVariable} in the environment, or --base-url (or {OpenAIBaseUrlVariable}) for a local server");
        }
        // Local servers (vLLM, Ollama, llama.cpp) accept any key; the SDK insists on a non-empty one.
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey);
        return new OpenAIClient(credential, clientOptions).GetChatClient(model).AsIChatClient();
    }

    private static IChatClient CreateGguf(string path)
    {
        GgufFile.Validate(path);
        try
        {
            var parameters = new ModelParams(path) { ContextSize = 4096 };
            var weights = LLamaWeights.LoadFromFile(parameters);
            ILLamaExecutor executor = new StatelessExecutor(weights, parameters);
            return executor.AsChatClient();
        }
        catch (Exception e) when (e is not AlertException)
        {
            throw new AlertException($"{path}: cannot load GGUF model ({e.Message})", e);
        }
    }
}

/// <summary>Checks a GGUF file before handing it to native code, so a bad path is a clean error.</summary>
public static class GgufFile
{
    public static void Validate(string path)
    {
        if (!File.Exists(path))
            throw new AlertException($"{path}: GGUF model file not found");
        Span<byte> magic = stackalloc byte[4];
        using (var stream = File.OpenRead(path))
        {
            if (stream.Read(magic) < 4 || !magic.SequenceEqual("GGUF"u8))
                throw new AlertException($"{path}: not a GGUF model file (it does not start with the GGUF magic bytes)");
        }
    }
}
