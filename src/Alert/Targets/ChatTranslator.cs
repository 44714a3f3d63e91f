using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>
/// Translates text with any chat model (a target spec through <see cref="TargetFactory"/>), with a versioned prompt
/// (<c>data/translation/translate-v1.txt</c>). Each text is translated once per process; a client built with a
/// response cache also keeps translations across runs.
/// </summary>
public sealed class ChatTranslator(IChatClient client, string name) : IDisposable
{
    /// <summary>The translation prompt's data file.</summary>
    public const string PromptPath = "translation/translate-v1.txt";

    /// <summary>The prompt's version, recorded with every translation.</summary>
    public const string PromptVersion = "translate-v1";

    private static readonly Lazy<string> Template = new(() => DataFiles.ReadText(PromptPath).TrimEnd());
    // Lazy: GetOrAdd may run its factory twice when two callers race, and each run would ask the translator.
    private readonly ConcurrentDictionary<(string From, string To, string Text), Lazy<Task<string>>> _done = new();

    /// <summary>The translator as runs and benchmark rows record it (a target spec, never a key).</summary>
    public string Name => name;

    /// <summary>
    /// <paramref name="text"/> in <paramref name="to"/>. A failed call or an empty translation throws
    /// <see cref="AlertException"/> (or the client's <see cref="HttpRequestException"/>).
    /// </summary>
    public async Task<string> TranslateAsync(
        string text, string from, string to, CancellationToken cancellationToken = default)
    {
        var key = (from, to, text);
        var entry = _done.GetOrAdd(key, k => new Lazy<Task<string>>(() => AskAsync(k.Text, k.From, k.To,
            cancellationToken)));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed translation is not remembered: the next ask tries again.
            _done.TryRemove(new KeyValuePair<(string, string, string), Lazy<Task<string>>>(key, entry));
            throw;
        }
    }

    private async Task<string> AskAsync(string text, string from, string to, CancellationToken cancellationToken)
    {
        var prompt = Template.Value.Replace("{source}", LanguageName(from), StringComparison.Ordinal)
            .Replace("{target}", LanguageName(to), StringComparison.Ordinal)
            .Replace("{text}", text, StringComparison.Ordinal);
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)],
            new ChatOptions { Temperature = 0 }, cancellationToken).ConfigureAwait(false);
        var translated = response.Text.Trim();
        if (translated.Length == 0)
            throw new AlertException($"translator {name} returned an empty {from} -> {to} translation");
        return translated;
    }

    /// <summary>The English name of a language the prompt names (the tag itself for others).</summary>
    public static string LanguageName(string lang) => lang switch
    {
        "en" => "English",
        "fr" => "French",
        "de" => "German",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        _ => lang,
    };

    /// <inheritdoc />
    public void Dispose() => client.Dispose();
}
