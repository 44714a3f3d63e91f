namespace Alert.Judges;

/// <summary>
/// A judge that reads answers in languages other than English itself (phrases of its own per language, or a
/// translation into English first). The run passes a prompt's language to it; other judges get the answer as is.
/// </summary>
public interface ILanguageAwareJudge : ISafetyJudge
{
    /// <summary>The languages besides English it judges in their own terms (BCP-47 tags).</summary>
    IReadOnlyCollection<string> Languages { get; }

    /// <summary>Judges <paramref name="response"/> (in <paramref name="lang"/>) to <paramref name="prompt"/>.</summary>
    /// <param name="prompt">The request without the instruction frame.</param>
    /// <param name="response">The model's answer.</param>
    /// <param name="lang">The prompt's language (<c>en</c> judges as <see cref="ISafetyJudge.JudgeAsync"/>).</param>
    /// <param name="cancellationToken">Stops the judging.</param>
    Task<JudgeVerdict> JudgeAsync(
        string prompt, string response, string lang, CancellationToken cancellationToken = default);
}
