using Alert.Plugins;
using LLama;
using LLama.Abstractions;
using LLama.Common;
using LLama.Native;
using LLama.Transformers;
using Microsoft.Extensions.AI;

namespace Alert.Targets.Providers;

/// <summary><c>gguf:PATH</c>: a local GGUF model in this process (LLamaSharp, CPU).</summary>
public static class GgufProvider
{
    /// <summary><c>gguf:PATH</c>, as the target registry finds it.</summary>
    [AlertPlugin(Order = 30)]
    public static TargetProvider Provider { get; } =
        new("gguf", "gguf:PATH", "A local GGUF model file run in this process (LLamaSharp, CPU)",
        TargetHosting.InProcess, (path, _, _) => Create(path));

    private static int _quiet;

    private static IChatClient Create(string path)
    {
        GgufFile.Validate(path);
        // llama.cpp logs every load step to stderr; only its errors are worth a user's screen (or a piped report).
        if (Interlocked.Exchange(ref _quiet, 1) == 0)
            NativeLogConfig.llama_log_set((level, message) =>
            {
                if (level == LLamaLogLevel.Error)
                    Console.Error.Write(message);
            });
        try
        {
            var parameters = new ModelParams(path) { ContextSize = 4096 };
            var weights = LLamaWeights.LoadFromFile(parameters);
            ILLamaExecutor executor = new StatelessExecutor(weights, parameters);
            // The model's own chat template (Llama Guard's [INST] wrapping, a chat model's turns) when it has one;
            // LLamaSharp's plain "User:/Assistant:" transcript otherwise.
            var history = weights.Metadata.ContainsKey("tokenizer.chat_template")
                ? new PromptTemplateTransformer(weights, withAssistant: true) : null;
            return new OwningChatClient(executor.AsChatClient(history), weights);
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
