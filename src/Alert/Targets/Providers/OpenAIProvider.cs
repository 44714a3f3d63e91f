using System.ClientModel;
using System.ClientModel.Primitives;
using Alert.Plugins;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Alert.Targets.Providers;

/// <summary><c>openai:MODEL</c>: OpenAI, Azure OpenAI's v1 API, vLLM, llama.cpp, LM Studio and any OpenAI-compatible
/// server.</summary>
internal static class OpenAIProvider
{
    [AlertPlugin(Order = 10)]
    public static TargetProvider Provider { get; } = new("openai", "openai:MODEL",
        "An OpenAI-compatible server at a base URL (vLLM, llama.cpp, Ollama's /v1), else OpenAI's API with an API key",
        TargetHosting.Server, (model, server, context) => Create(model, server, context.ApiKey, context.Options));

    private static IChatClient Create(string model, string? baseUrl, string? apiKey, TargetOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            // Retries and timeouts are our middleware's job: one place, one policy.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        clientOptions.AddPolicy(ChatProtocolPolicy.Instance, PipelinePosition.PerTry);
        if (baseUrl is not null)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var endpoint) || endpoint.Scheme
                is not ("http" or "https"))
            {
                var shown = Uri.TryCreate(baseUrl, UriKind.Absolute, out _)
                    ? TargetFactory.RedactUrl(baseUrl)
                    : baseUrl;
                throw new AlertException($"bad base URL '{shown}': expected http(s)://host[:port]/v1");
            }
            clientOptions.Endpoint = endpoint;
        }
        else if (string.IsNullOrEmpty(apiKey))
        {
            throw new MissingCredentialsException(options.ShownSpec ?? "openai:" + model) { Role = options.Role };
        }
        // Local servers (vLLM, Ollama, llama.cpp) accept any key; the SDK insists on a non-empty one.
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey);
        return new OpenAIClient(credential, clientOptions).GetChatClient(model).AsIChatClient();
    }
}
