using Alert.Benchmark;
using Alert.Targets;

namespace Alert.Judges;

/// <summary>
/// An English-only judge behind a translator (<c>--judge-translate SPEC</c>): an answer to a prompt in another
/// language is translated to English (<see cref="ChatTranslator"/>, cached) and the English text is judged; English
/// answers go to the judge as they are.
/// </summary>
public sealed class TranslatingJudge(ISafetyJudge inner, ChatTranslator translator) : ILanguageAwareJudge
{
    /// <summary>The judge, translator and prompt version: verdicts of another set-up are never reused.</summary>
    public string Name { get; } = $"{inner.Name} after translate:{translator.Name} ({ChatTranslator.PromptVersion})";

    /// <summary>The translator as the run names it.</summary>
    public string Translator => translator.Name;

    /// <summary>Every language: any answer can be translated.</summary>
    public IReadOnlyCollection<string> Languages => [];

    /// <inheritdoc />
    public Task<JudgeVerdict> JudgeAsync(
        string prompt, string response, CancellationToken cancellationToken = default) =>
        inner.JudgeAsync(prompt, response, cancellationToken);

    /// <inheritdoc />
    public async Task<JudgeVerdict> JudgeAsync(string prompt, string response, string lang,
        CancellationToken cancellationToken = default)
    {
        if (lang == BenchmarkPrompt.DefaultLang)
            return await inner.JudgeAsync(prompt, response, cancellationToken).ConfigureAwait(false);
        string english;
        try
        {
            english = await translator.TranslateAsync(response, lang, BenchmarkPrompt.DefaultLang, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or AlertException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            // A judge never throws for a failed call: an error verdict, as a judge server's error gives.
            return new JudgeVerdict(
                Verdict.Error, "", Reason: $"translating the answer from {lang} failed: {e.Message}");
        }
        return await inner.JudgeAsync(prompt, english, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        inner.Dispose();
        translator.Dispose();
    }
}
