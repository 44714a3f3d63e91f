using Alert.Judges;

namespace Alert.Guards;

/// <summary>What an <see cref="AlertGuardChatClient"/> checks (input, output) with which judges, and what it answers
/// when it blocks.</summary>
public sealed class AlertGuardOptions
{
    /// <summary>Checks the last user message before the model is called (an <see cref="IPromptJudge"/> judges the
    /// request itself).</summary>
    public ISafetyJudge? InputJudge { get; set; }
    /// <summary>Checks the model's answer.</summary>
    public ISafetyJudge? OutputJudge { get; set; }
    /// <summary>What the caller gets instead of a blocked request or answer.</summary>
    public string Refusal { get; set; } = "I'm sorry, but I can't help with that.";
    /// <summary>How streamed answers are checked.</summary>
    public GuardStreamingMode Streaming { get; set; } = GuardStreamingMode.Buffer;
    /// <summary>In <see cref="GuardStreamingMode.EarlyStop"/>, judge again after this many new characters.</summary>
    public int EarlyStopInterval { get; set; } = 400;
    /// <summary>Block when a judge fails (fail closed); otherwise let the call through and record the error.</summary>
    public bool BlockOnJudgeError { get; set; }
    /// <summary>Called for every decision a guard makes (blocked or not), e.g. for logging.</summary>
    public Action<GuardDecision>? OnDecision { get; set; }
    /// <summary>
    /// Names the ALERT category of a blocked request when the judge that blocked it gave no codes (the
    /// in-process judges say only safe or unsafe), e.g. the taxonomy classifier (Alert.Onnx); only
    /// blocked calls are classified, so it adds nothing to the latency of calls that pass.
    /// </summary>
    public Classification.ICategoryClassifier? Categorizer { get; set; }
}
