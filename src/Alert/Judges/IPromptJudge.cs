namespace Alert.Judges;

/// <summary>A judge that can also tell whether a request itself is harmful (for guarding a model's input).</summary>
public interface IPromptJudge
{
    /// <inheritdoc />
    Task<JudgeVerdict> JudgePromptAsync(string prompt, CancellationToken cancellationToken = default);
}
