using Alert.Targets;

namespace Alert.Cli.Infrastructure;

/// <summary>The likely fix for a model server that cannot be used, in the flags and variables of its role.</summary>
internal static class FailureHints
{
    public static string For(TargetUnusableException e)
    {
        var (spec, url, key) = e.Role switch
        {
            TargetRole.Judge => ("--judge", "--judge-base-url",
                "the key in " + CliEnvironment.JudgeKeyVariable + " (or the variable --judge-key-variable names)"),
            TargetRole.Attacker => ("--attacker", "--attacker-base-url",
                "the key in " + CliEnvironment.OpenAIKeyVariable),
            TargetRole.Scorer => ("--scorer", "--scorer-base-url", "the key in " + CliEnvironment.OpenAIKeyVariable),
            TargetRole.Classifier => ("--classifier", "--base-url", "the key in " + CliEnvironment.OpenAIKeyVariable),
            // Ollama's server is --base-url or its default: it reads neither OPENAI_BASE_URL nor a key.
            _ when e.Spec.StartsWith("ollama:", StringComparison.OrdinalIgnoreCase)
                => ("--target", $"--base-url (default {TargetFactory.DefaultOllamaUrl})",
                    "what sits in front of Ollama (Ollama itself takes no key)"),
            _ => ("--target", "--base-url (or " + CliEnvironment.OpenAIBaseUrlVariable + ")",
                "the key in " + CliEnvironment.OpenAIKeyVariable),
        };
        var fix = e.Kind switch
        {
            TargetFaultKind.Unreachable => $"check {url} and that the server is running",
            TargetFaultKind.Unauthorized => $"check {key}",
            TargetFaultKind.NotFound =>
                $"check the model name in {spec} and that {url} is the API's root (often ending in /v1)",
            _ => $"check that {url} is an OpenAI-compatible API (often ending in /v1), not a web page or another " +
                $"service",
        };
        return $"{fix}; completed work is kept, run the same command again to go on";
    }
}
