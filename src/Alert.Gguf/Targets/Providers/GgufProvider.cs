using Alert.Plugins;
using LLama;
using LLama.Abstractions;
using LLama.Common;
using Microsoft.Extensions.AI;

namespace Alert.Targets.Providers;

/// <summary><c>gguf:PATH</c>: a local GGUF model in this process (LLamaSharp, CPU).</summary>
public static class GgufProvider
{
    [AlertPlugin(Order = 30)]
    public static TargetProvider Provider { get; } = new("gguf", "gguf:PATH", "A local GGUF model file run in this process (LLamaSharp, CPU)",
        TargetHosting.InProcess, (path, _, _) => Create(path));

    private static IChatClient Create(string path)
    {
        GgufFile.Validate(path);
        try
        {
            var parameters = new ModelParams(path) { ContextSize = 4096 };
            var weights = LLamaWeights.LoadFromFile(parameters);
            ILLamaExecutor executor = new StatelessExecutor(weights, parameters);
            return new OwningChatClient(executor.AsChatClient(), weights);
        }
        catch (Exception e) when (e is not AlertException)
        {
            throw new AlertException($"{path}: cannot load GGUF model ({e.Message})", e);
        }
    }

    /// <summary>Disposes the weights with the client: they hold the model's memory.</summary>
    private sealed class OwningChatClient(IChatClient inner, IDisposable weights) : DelegatingChatClient(inner)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
                weights.Dispose();
            base.Dispose(disposing);
        }
    }
}
