using System.ComponentModel;
using Alert.Judges;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary>Options shared by every command that judges.</summary>
public class JudgeSettings : CommandSettings
{
    [CommandOption("--judge <SPEC>")]
    [Description("Judge: 'refusal' (offline default) or 'llamaguard:MODEL' (OpenAI-compatible server; 'llamaguard:ollama:MODEL' for Ollama).")]
    [DefaultValue(JudgeFactory.DefaultSpec)]
    public string Judge { get; init; } = JudgeFactory.DefaultSpec;

    [CommandOption("--judge-base-url <URL>")]
    [Description("Server of the judge model (e.g. http://localhost:8000/v1). Key from ALERT_JUDGE_API_KEY if needed.")]
    public string? JudgeBaseUrl { get; init; }

    [CommandOption("--judge-prompt <VERSION>")]
    [Description("Llama Guard prompt: v1 (paper default, O1-O6) or v3 (S1-S14).")]
    [DefaultValue("v1")]
    public string JudgePrompt { get; init; } = "v1";

    [CommandOption("--judge-mode <MODE>")]
    [Description("'rendered': send the full Llama Guard task prompt; 'conversation': send user/assistant turns and let the server's chat template render it.")]
    [DefaultValue("rendered")]
    public string JudgeMode { get; init; } = "rendered";

    [CommandOption("--concurrency <N>")]
    [Description("Requests in flight at once.")]
    [DefaultValue(16)]
    public int Concurrency { get; init; } = 16;

    public override ValidationResult Validate()
    {
        if (Concurrency < 1)
            return ValidationResult.Error("--concurrency must be at least 1");
        if (JudgeMode is not ("rendered" or "conversation"))
            return ValidationResult.Error("--judge-mode must be 'rendered' or 'conversation'");
        if (JudgePrompt is not ("v1" or "v3"))
            return ValidationResult.Error("--judge-prompt must be v1 or v3");
        return ValidationResult.Success();
    }

    public ISafetyJudge CreateJudge(TimeProvider time) => JudgeFactory.Create(Judge, new JudgeOptions
    {
        BaseUrl = JudgeBaseUrl,
        LlamaGuardVersion = JudgePrompt,
        LlamaGuardMode = JudgeMode == "conversation" ? LlamaGuardMode.Conversation : LlamaGuardMode.Rendered,
    }, time);
}
