using System.Diagnostics;
using Alert.Judges.Embedded;

namespace Alert.Bench;

/// <summary>Float against int8 MiniLM: throughput on 48-word chunks and how far the int8 embeddings move
/// (cosine).</summary>
internal static class JudgeInt8Bench
{
    public static void Run()
    {
        var random = new Alert.Common.SeededRandom(7);
        var words = ("the first part explains background and why people are interested step one involves " +
            "gathering materials mentioned above it is important to consider legal ethical implications " +
            "many experts disagree about best approach opinions vary widely").Split(' ');
        var texts = Enumerable.Range(0, 640).Select(
            i => string.Join(' ', Enumerable.Range(0, 48).Select(_ => random.Pick(words))) + $" case {i}").ToArray();
        foreach (var (label, layer) in new[] { ("frozen", (string?)null),
            ("response encoder", JudgeFeatures.ResponseEncoderPath) })
        {
            using var f = Make(layer, false);
            using var q = Make(layer, true);
            var (fv, fr) = Time(f, texts);
            var (qv, qr) = Time(q, texts);
            var cos = fv.Zip(qv, TextEmbedder.Dot).ToArray();
            using (var one = new TunedMiniLM(null, true, threads: 1))
            {
                var (_, r1) = Time(one, texts);
                var par = Stopwatch.StartNew();
                using var two = new TunedMiniLM(null, true, threads: 1);
                Parallel.Invoke(() => Time(one, texts[..320]), () => Time(two, texts[320..]));
                Console.WriteLine(
                    $"int8 one thread {r1:0} chunks/s; two one-thread sessions in " +
                    $"parallel {texts.Length / par.Elapsed.TotalSeconds:0} chunks/s");
            }
            Console.WriteLine(
                $"{label}: float {fr:0} chunks/s, int8 {qr:0} chunks/s ({qr / fr:0.00}x); cosine float/int8 " +
                $"mean {cos.Average():0.0000}, min {cos.Min():0.0000}");
        }
    }

    private static TunedMiniLM Make(string? layer, bool int8)
    {
        if (layer is null)
            return new TunedMiniLM(null, int8);
        using var file = ModelFiles.Open(layer);
        return new TunedMiniLM(file, layer, int8: int8);
    }

    private static (float[][] Vectors, double Rate) Time(TunedMiniLM m, string[] texts)
    {
        m.Encode(texts[..32]);
        var clock = Stopwatch.StartNew();
        var result = new List<float[]>();
        for (var i = 0; i < texts.Length; i += 32)
            result.AddRange(m.Encode(texts.Skip(i).Take(32).ToArray()));
        return ([.. result], texts.Length / clock.Elapsed.TotalSeconds);
    }
}
