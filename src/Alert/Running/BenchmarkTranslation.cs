using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Common;
using Alert.Targets;

namespace Alert.Running;

/// <summary>
/// <c>alert build --translate</c>: any benchmark file's English rows translated into other languages by a chat model.
/// Each translation is translated back to English and compared with the original (<see cref="RoundTripSimilarity"/>);
/// low scores are flagged and counted. Every translated row shares its original's id, names its <c>lang</c>, and
/// carries its provenance (<c>translation</c>: translator, prompt version, source language, similarity, flagged).
/// </summary>
public static class BenchmarkTranslation
{
    /// <summary>The per-row provenance field.</summary>
    public const string ProvenanceField = "translation";

    /// <summary>
    /// Writes <paramref name="outputPath"/>: the rows of <paramref name="inputPath"/>, then each English row in each
    /// language. Nothing is written unless every translation succeeds.
    /// </summary>
    public static async Task<IReadOnlyList<TranslationCounts>> TranslateAsync(string inputPath, string outputPath,
        ChatTranslator translator, TranslationOptions options, CancellationToken cancellationToken = default)
    {
        var rows = new List<BenchmarkPrompt>();
        await foreach (var row in BenchmarkFile.ReadAsync(inputPath, null, cancellationToken).ConfigureAwait(false))
            rows.Add(row);
        var english = rows.Where(r => r.Lang == BenchmarkPrompt.DefaultLang).ToList();
        foreach (var lang in options.Languages)
        {
            if (lang == BenchmarkPrompt.DefaultLang)
                throw new AlertException("--translate: 'en' is the source language; name languages to translate into");
            if (rows.Any(r => r.Lang == lang))
                throw new AlertException($"{inputPath}: already holds rows in '{lang}'; translate a file without them");
        }
        if (english.Count == 0)
            throw new AlertException($"{inputPath}: no English rows to translate");
        var jobs = options.Languages.SelectMany(lang => english.Select(row => (Row: row, Lang: lang))).ToList();
        var results = new BenchmarkPrompt[jobs.Count];
        var similarities = new double[jobs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (row, lang) = jobs[i];
                (results[i], similarities[i]) = await TranslateRowAsync(row, lang, translator, options, inputPath, ct)
                    .ConfigureAwait(false);
            }).ConfigureAwait(false);
        await using (var writer = new AtomicJsonlWriter(outputPath))
        {
            foreach (var row in rows.Concat(results))
                await writer.WriteAsync(BenchmarkFile.ToJson(row)).ConfigureAwait(false);
            await writer.CommitAsync().ConfigureAwait(false);
        }
        return options.Languages.Select(lang =>
        {
            var mine = Enumerable.Range(0, jobs.Count).Where(i => jobs[i].Lang == lang).ToList();
            return new TranslationCounts(lang, mine.Count, mine.Count(i => similarities[i] < options.MinSimilarity),
                Math.Round(mine.Average(i => similarities[i]), 4));
        }).ToList();
    }

    private static async Task<(BenchmarkPrompt Row, double Similarity)> TranslateRowAsync(BenchmarkPrompt row,
        string lang, ChatTranslator translator, TranslationOptions options, string inputPath, CancellationToken ct)
    {
        string translated, back;
        try
        {
            translated = await translator.TranslateAsync(row.Text, BenchmarkPrompt.DefaultLang, lang, ct)
                .ConfigureAwait(false);
            back = await translator.TranslateAsync(translated, lang, BenchmarkPrompt.DefaultLang, ct)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or AlertException && !ct.IsCancellationRequested)
        {
            throw new AlertException(
                $"{inputPath}: translating id {row.FileId} into '{lang}' with {translator.Name} failed: {e.Message}",
                e);
        }
        var similarity = RoundTripSimilarity.Compute(row.Text, back);
        var extra = row.Extra?.DeepClone().AsObject() ?? [];
        extra[ProvenanceField] = new JsonObject
        {
            ["translator"] = translator.Name,
            ["prompt_version"] = ChatTranslator.PromptVersion,
            ["from"] = BenchmarkPrompt.DefaultLang,
            ["round_trip_similarity"] = Math.Round(similarity, 4),
            ["flagged"] = similarity < options.MinSimilarity,
        };
        // A framed prompt stays framed: only the request inside the frame is translated.
        var prompt = row.Prompt == row.Text ? translated : InstructionFrame.Wrap(translated);
        return (row with { Prompt = prompt, Lang = lang, Extra = extra }, similarity);
    }

    /// <summary>The summary line of one language, as <c>alert build</c> prints it.</summary>
    public static string Describe(TranslationCounts counts, double minSimilarity) => string.Create(
        CultureInfo.InvariantCulture,
        $"{counts.Lang}: {counts.Translated} translated, {counts.Flagged} flagged (round-trip similarity below "
        + $"{minSimilarity:0.##}), mean similarity {counts.MeanSimilarity:0.####}");
}
