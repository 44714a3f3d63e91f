using Alert.Targets;

namespace Alert.Cli.Infrastructure;

/// <summary>The likely fix for a model server that cannot be used, in the flags and variables of its role.</summary>
internal static class FailureHints
{
    public static string For(TargetUnusableException e)
    {
        var (spec, url, key) = e.Role switch
        {
            TargetRole.Judge => ("--judge", "--judge-base-url", CliEnvironment.JudgeKeyVariable + " (or the variable --judge-key-variable names)"),
            TargetRole.Attacker => ("--attacker", "--attacker-base-url", CliEnvironment.OpenAIKeyVariable),
            TargetRole.Scorer => ("--scorer", "--scorer-base-url", CliEnvironment.OpenAIKeyVariable),
            TargetRole.Classifier => ("--classifier", "--base-url", CliEnvironment.OpenAIKeyVariable),
            _ => ("--target", "--base-url (or " + CliEnvironment.OpenAIBaseUrlVariable + ")", CliEnvironment.OpenAIKeyVariable),
        };
        var fix = e.Kind switch
        {
            TargetFaultKind.Unreachable => $"check {url} and that the server is running",
            TargetFaultKind.Unauthorized => $"check the key in {key}",
            TargetFaultKind.NotFound => $"check the model name in {spec} and that {url} is the API's root (often ending in /v1)",
            _ => $"check that {url} is an OpenAI-compatible API (often ending in /v1), not a web page or another service",
        };
        return $"{fix}; completed work is kept, run the same command again to go on";
    }
}
