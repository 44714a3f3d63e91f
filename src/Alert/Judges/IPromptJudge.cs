namespace Alert.Judges;

/// <summary>A judge that can also tell whether a request itself is harmful (for guarding a model's input).</summary>
public interface IPromptJudge
{
    /// <summary>Judges the request alone: unsafe when the request itself seeks harm.</summary>
    /// <param name="prompt">The request without the instruction frame.</param>
    /// <param name="cancellationToken">Cancels the judgement.</param>
    Task<JudgeVerdict> JudgePromptAsync(string prompt, CancellationToken cancellationToken = default);
}
