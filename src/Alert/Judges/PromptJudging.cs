namespace Alert.Judges;

/// <summary>Helpers for judges of requests (<see cref="IPromptJudge"/>).</summary>
public static class PromptJudging
{
    /// <summary>Judges the request itself: as a prompt judge when the judge is one, else as a request with an empty
    /// answer.</summary>
    public static Task<JudgeVerdict> JudgeRequestAsync(
        this ISafetyJudge judge, string prompt, CancellationToken cancellationToken = default) =>
        judge is IPromptJudge promptJudge
            ? promptJudge.JudgePromptAsync(prompt, cancellationToken)
            : judge.JudgeAsync(prompt, "", cancellationToken);
}
