using Alert.Plugins;
using OllamaSharp;

namespace Alert.Targets.Providers;

/// <summary><c>ollama:MODEL</c>: Ollama's native API (OllamaSharp).</summary>
internal static class OllamaProvider
{
    public const string DefaultUrl = "http://localhost:11434";

    [AlertPlugin(Order = 20)]
    public static TargetProvider Provider { get; } =
        new("ollama", "ollama:MODEL", $"An Ollama server (default {DefaultUrl}, or --base-url)",
        TargetHosting.Server,
        (model, server, _) => new OllamaApiClient(
            new HttpClient { BaseAddress = new Uri(server ?? DefaultUrl), Timeout = Timeout.InfiniteTimeSpan }, model))
        {
            DefaultServer = () => DefaultUrl,
        };
}
