using Alert.Cli.Infrastructure;
using Alert.Running;
using Alert.Targets;
using Spectre.Console;

namespace Alert.Cli.Commands;

/// <summary><c>alert build --translate</c>: flags onto <see cref="BenchmarkTranslation"/>, counts printed.</summary>
internal static class BuildTranslation
{
    /// <summary>Translates each of <paramref name="files"/> into <c>--out</c> (same name); prints counts.</summary>
    public static async Task RunAsync(CliEnvironment env, BuildSettings settings, IReadOnlyList<string> files,
        CancellationToken cancellationToken)
    {
        var spec = settings.Translator!;
        var options = new TranslationOptions
        {
            Languages = settings.TranslateLanguages,
            MinSimilarity = settings.MinSimilarity,
        };
        var cache = env.Value(CliEnvironment.NoCacheVariable) is "1" or "true"
            ? null
            : Caching.ResponseCache.Open(Caching.ResponseCache.DefaultDirectory);
        using var cacheResources = cache;
        var client = TargetFactory.Create(spec, new TargetOptions { BaseUrl = env.ModelServer(settings.BaseUrl) },
            env.OpenAIKey, env.Time, cache);
        using var translator = new ChatTranslator(client, spec);
        Directory.CreateDirectory(settings.Out!);
        foreach (var file in files)
        {
            var output = Path.Combine(settings.Out!, Path.GetFileName(file));
            var counts = await BenchmarkTranslation.TranslateAsync(
                file, output, translator, options, cancellationToken);
            foreach (var language in counts)
            {
                var line = BenchmarkTranslation.Describe(language, options.MinSimilarity);
                env.Messages(settings).WriteLine($"{output}: {line}");
            }
        }
    }
}
