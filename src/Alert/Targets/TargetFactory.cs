using Alert.Caching;
using Alert.Plugins;
using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>
/// Creates the <see cref="IChatClient"/> for a target spec <c>PROVIDER:MODEL</c> from the registered providers
/// (<c>openai:MODEL</c>, <c>ollama:MODEL</c>, <c>gguf:PATH</c>, <c>mock:refuse|comply|echo</c>, or a plugin's).
/// Retries, limits and the cache are added as middleware according to the provider's hosting.
/// </summary>
public static class TargetFactory
{
    /// <summary>Where Ollama listens unless told otherwise.</summary>
    public const string DefaultOllamaUrl = Alert.Targets.Providers.OllamaProvider.DefaultUrl;

    private static readonly Lazy<PluginSet<TargetProvider>> Registered =
        new(() => new PluginSet<TargetProvider>("target provider"));

    /// <summary>The registered providers, in help order.</summary>
    public static IReadOnlyList<TargetProvider> Registry => Registered.Value.All;

    /// <summary>The registered provider names.</summary>
    public static IReadOnlyList<string> Providers => Registry.Select(p => p.Name).ToList();

    /// <summary>Splits <c>provider:rest</c>; the rest may itself contain colons (e.g. Ollama tags).</summary>
    public static (string Provider, string Name) Parse(string spec)
    {
        var (provider, name) = Resolve(spec);
        return (provider.Name, name);
    }

    /// <summary>The provider of a spec and the model part; a message listing every provider for an unknown
    /// one.</summary>
    public static (TargetProvider Provider, string Model) Resolve(string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var names = string.Join(", ", Providers);
        if (colon <= 0 || colon == spec.Length - 1)
            throw new AlertException($"bad target '{spec}': expected PROVIDER:MODEL with PROVIDER one of {names}");
        var name = spec[..colon].ToLowerInvariant();
        if (!Registered.Value.TryGet(name, out var provider))
            throw new AlertException($"bad target '{spec}': unknown provider '{name}' (expected one of {names})");
        return (provider, spec[(colon + 1)..]);
    }

    /// <summary>The model client with retries, timeouts and (for in-process models) a concurrency limit.</summary>
    /// <remarks>
    /// Layers, outermost first: the shared answer cache (when given), retries with backoff, hedging and an
    /// adaptive timeout per attempt (one Polly pipeline), load balancing over several servers, then per server
    /// an adaptive concurrency limit in front of the transport. They share one <see cref="TargetHealth"/>,
    /// reachable with <c>GetService&lt;TargetHealth&gt;()</c>.
    /// </remarks>
    public static IChatClient Create(string spec, TargetOptions options, string? apiKey = null,
        TimeProvider? time = null, ResponseCache? cache = null)
    {
        var (provider, model) = Resolve(spec);
        Secrets.Register(apiKey);
        var context = new TargetContext(options, apiKey, time);
        if (provider.Hosting == TargetHosting.Scripted)
            return provider.Create(model, null, context);
        var health = new TargetHealth(time);
        IChatClient client;
        if (provider.Hosting == TargetHosting.InProcess)
        {
            client = new ConcurrencyLimitingChatClient(provider.Create(model, null, context), 1);
        }
        else
        {
            var endpoints = ServerUrls(provider, options)
                .Select(url => (IChatClient)new AdaptiveConcurrencyChatClient(provider.Create(model, url, context),
                options.MaxConcurrency, time, health, url is null ? "default" : RedactUrl(url))).ToList();
            client = endpoints.Count == 1 ? endpoints[0] : new LoadBalancingChatClient(endpoints, time);
        }
        // An in-process model has one slot: a hedge would only queue behind the attempt it hedges.
        var resilience = provider.Hosting == TargetHosting.InProcess ? options with { MaxHedgeRate = 0 } : options;
        var server = provider.Hosting == TargetHosting.Server
            ? string.Join(", ", ServerUrls(provider, options).OfType<string>().Select(RedactUrl)) : null;
        var builder = client.AsBuilder().Use(inner =>
            new ResilientChatClient(inner, resilience, health, time, slotted: true)
            {
                Spec = options.ShownSpec ?? spec,
                Server = string.IsNullOrEmpty(server) ? null : server,
            });
        if (cache is not null)
            builder.UseResponseCache(cache, CacheOwner(spec, options), time);
        return builder.Build();
    }

    /// <summary>Who a cached answer belongs to: the spec and its servers (never a key).</summary>
    public static string CacheOwner(string spec, TargetOptions options) => Describe(spec, options);

    private static string?[] ServerUrls(TargetProvider provider, TargetOptions options) =>
        options.BaseUrls.Count > 0 ? options.BaseUrls.Select(u => (string?)u).ToArray() : [provider.DefaultServer()];

    /// <summary>A description of the target that is safe to store: spec and server, never a key.</summary>
    public static string Describe(string spec, TargetOptions options)
    {
        var (provider, _) = Resolve(spec);
        var urls = provider.Hosting == TargetHosting.Server
            ? ServerUrls(provider, options).Where(u => u is not null).Select(u => RedactUrl(u!))
                .Order(StringComparer.Ordinal).ToList()
            : [];
        return urls.Count == 0 ? spec : $"{spec} @ {string.Join(", ", urls)}";
    }

    /// <summary>Drops user info and query strings (where keys sometimes hide) from a URL.</summary>
    public static string RedactUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? new UriBuilder(uri) { UserName = "", Password = "", Query = "" }.Uri.ToString().TrimEnd('/')
            : "(invalid url)";
}
