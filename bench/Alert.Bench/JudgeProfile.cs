using System.Diagnostics;
using Alert.Judges.Embedded;

namespace Alert.Bench;

/// <summary>
/// Where the embedded judge's time goes, per stage, on this machine: MiniLM passes per second for the prompts (float,
/// int8), for the shipped response encoder and for readers cut to 2-6 layers (int8, untuned: the cost of a depth),
/// tokenizing, and the features computed from embeddings. Distinct synthetic texts of the judge's sizes (60-word
/// prompts,
/// 48-word chunks), so no cache helps.
/// </summary>
internal static class JudgeProfile
{
    public static void Run()
    {
        var random = new Alert.Common.SeededRandom(5);
        var words = (
            "the first part explains background and why people are interested in it step one involves gathering " +
            "materials " +
            "mentioned above many experts disagree about best approach opinions vary widely historically this " +
                "subject has been discussed books articles").Split(' ');
        string Text(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => random.Pick(words)));
        var prompts = Enumerable.Range(0, 400).Select(i => $"How do I do forbidden thing number {i}? " + Text(30))
            .ToArray();
        var chunks = Enumerable.Range(0, 1600).Select(_ => Text(JudgeFeatures.ChunkWords)).ToArray();
        using var frozen = new TextEmbedder();
        using var prompt8 = JudgeFeatures.LoadPromptEncoder();
        using var reader = JudgeFeatures.LoadResponseEncoder();
        Time("prompts, frozen MiniLM float", frozen, prompts, JudgeFeatures.PromptWords);
        Time("prompts, frozen MiniLM int8 (shipped)", prompt8, prompts, JudgeFeatures.PromptWords);
        var a = frozen.Embed(prompts[..64], JudgeFeatures.PromptWords);
        var b = prompt8.Embed(prompts[..64], JudgeFeatures.PromptWords);
        Console.WriteLine($"  cosine float vs int8: {a.Zip(b, TextEmbedder.Dot).Average():0.0000}");
        Time("chunks, shipped response encoder", reader, chunks, JudgeFeatures.ChunkWords);
        // Two one-thread sessions side by side against one two-thread session: what inter-op parallelism would give.
        using (var one = OneThreadReader())
            Time("chunks, shipped response encoder, 1 thread", one, chunks, JudgeFeatures.ChunkWords);
        using (var left = OneThreadReader())
        using (var right = OneThreadReader())
        {
            left.Embed(chunks[..16], JudgeFeatures.ChunkWords);
            right.Embed(chunks[16..32], JudgeFeatures.ChunkWords);
            var sideBySide = Stopwatch.StartNew();
            Parallel.Invoke(() => left.Embed(chunks[32..816], JudgeFeatures.ChunkWords), () =>
                right.Embed(chunks[816..], JudgeFeatures.ChunkWords));
            var rate = (chunks.Length - 32) / sideBySide.Elapsed.TotalSeconds;
            Console.WriteLine($"{"chunks, two 1-thread encoders side by side",-44} {rate,8:0.0} passes/s");
        }
        var model = TunedMiniLM.ReadResource(TunedMiniLM.ModelResource);
        for (var depth = 2; depth <= LayerTruncation.MiniLMLayers; depth++)
        {
            using var cut = new TextEmbedder(new TunedMiniLM(LayerTruncation.Truncate(model, depth), int8: true));
            Time($"chunks, MiniLM cut to {depth} layers, int8", cut, chunks, JudgeFeatures.ChunkWords);
        }
        var tokenizer = TunedMiniLM.Tokenizer.Load();
        var clock = Stopwatch.StartNew();
        tokenizer.Encode(chunks.Select(c => TextEmbedder.Normalize(c, JudgeFeatures.ChunkWords)).ToArray());
        Console.WriteLine($"{"tokenizing chunks",-44} {chunks.Length / clock.Elapsed.TotalSeconds,8:0}/s");
        using var features = new JudgeFeatures(prompt8, reader, "shipped");
        var pv = prompt8.Embed(prompts, JudgeFeatures.PromptWords);
        var cv = reader.Embed(chunks, JudgeFeatures.ChunkWords);
        clock.Restart();
        for (var i = 0; i < prompts.Length; i++)
            features.FromEmbeddings(prompts[i], string.Join(' ', chunks[(4 * i)..(4 * i + 4)]), pv[i],
                Enumerable.Range(4 * i, 4).Select(j => (chunks[j], cv[j])).ToArray());
        Console.WriteLine(
            $"{"features from embeddings (4 chunks)",-44} {prompts.Length / clock.Elapsed.TotalSeconds,8:0}/s");
    }

    private static TextEmbedder OneThreadReader()
    {
        using var file = ModelFiles.Open(JudgeFeatures.ResponseEncoderPath);
        return new TextEmbedder(new TunedMiniLM(file, JudgeFeatures.ResponseEncoderPath, threads: 1, int8: true));
    }

    private static void Time(string what, TextEmbedder embedder, string[] texts, int words)
    {
        embedder.Embed(texts[..32], words); // warm up (and cached: not timed)
        var clock = Stopwatch.StartNew();
        embedder.Embed(texts[32..], words);
        Console.WriteLine($"{what,-44} {(texts.Length - 32) / clock.Elapsed.TotalSeconds,8:0.0} passes/s");
    }
}
