using Alert.Judges.Embedded;

namespace Alert.Bench;

internal static partial class JudgeHumanBench
{
    /// <summary>A head on every row judges the pairs of a JSONL file (prompt, response): a look at answers of a kind no
    /// set has.</summary>
    private static void Probe(List<DevPair> rows, float[][] x, JudgeFeatures features, string path, int[] dropped)
    {
        var model = Train(rows, x, Enumerable.Range(0, rows.Count).Where(i => ResponseHarmSets.Trains(rows[i]))
            .ToArray(), ShippedPrior);
        var pairs = File.ReadLines(path).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!)
            .Select(o => ((string)o["prompt"]!, (string)o["response"]!)).ToArray();
        var px = features.Compute(pairs);
        foreach (var v in px)
        {
            foreach (var j in dropped)
                v[j] = 0;
        }
        for (var i = 0; i < pairs.Length; i++)
        {
            var head = pairs[i].Item2[..Math.Min(70, pairs[i].Item2.Length)].ReplaceLineEndings(" ");
            Console.WriteLine($"probe p_unsafe {model.Predict(px[i]):0.000}: {head}");
        }
    }

    /// <summary>
    /// Could the judge stop after the first chunk when that settles it? A head on first-chunk features and the full
    /// head,
    /// both trained on the red-team rows out of fold (GPTFuzz by question); for each margin on the early logit, the
    /// share of
    /// long answers (more than one chunk) it settles and how often its verdict is the full reading's.
    /// </summary>
    private static void EarlyExit(List<DevPair> rows, JudgeFeatures features, float[][] prompts, List<string>[] all,
        Dictionary<string, float[]> byText)
    {
        var used = Enumerable.Range(0, rows.Count).ToArray();
        float[] X(int i, int max) => features.FromEmbeddings(rows[i].Pair.Prompt, rows[i].Pair.Response, prompts[i],
            JudgeFeatures.Select(all[i], max).Select(c => (c, byText[c])).ToArray());
        var early = new Dictionary<int, float[]>();
        var full = new Dictionary<int, float[]>();
        foreach (var i in used)
        {
            early[i] = X(i, 1);
            full[i] = X(i, JudgeFeatures.MaxChunks);
        }
        var fold = used.ToDictionary(i => i, i =>
            (int)(Alert.Common.Sha256.Hex(rows[i].Pair.Group ?? rows[i].Goal)[0] % 5));
        var models = new Dictionary<int, EmbeddedJudgeModel>();
        for (var f = 0; f < 5; f++)
        {
            var train = used.Where(i => fold[i] != f).ToArray();
            var y = train.Select(i => rows[i].Pair.Unsafe ? 1 : 0).ToArray();
            var headEarly = LogisticRegression.Train(train.Select(i => early[i]).ToArray(), y, 0.3, 300);
            var fullModel = Train(rows, full, train, ShippedPrior);
            foreach (var i in used.Where(i => fold[i] == f))
                models[i] = fullModel with { EarlyHead = headEarly };
        }
        var longer = used.Where(i => all[i].Count > 1).ToArray();
        Console.WriteLine(
            $"early exit after the first chunk, {longer.Length} answers of more than one chunk (out of fold, groups " +
            $"hashed into 5 folds):");
        foreach (var margin in new[] { 1.0, 2.0, 3.0, 4.0, 6.0 })
        {
            var fullUnsafe = longer.ToDictionary(i => i, i => models[i].Predict(full[i]) >= 0.5f);
            var earlyUnsafe = longer.ToDictionary(
                i => i, i => (models[i] with { EarlyExitMargin = (float)margin })
                .PredictEarly(early[i]) is { } p ? p >= 0.5f : (bool?)null);
            var settled = longer.Where(i => earlyUnsafe[i] is not null).ToArray();
            var same = settled.Count(i => earlyUnsafe[i] == fullUnsafe[i]);
            var correctFinal = longer.Count(i => (earlyUnsafe[i] ?? fullUnsafe[i]) == rows[i].Pair.Unsafe);
            var correctFull = longer.Count(i => fullUnsafe[i] == rows[i].Pair.Unsafe);
            Console.WriteLine(
                $"  margin {margin,3:0.0}: settles {settled.Length / (double)longer.Length:P0}, same verdict as the " +
                $"full reading on {same / (double)Math.Max(1, settled.Length):P1} of those; accuracy with early " +
                $"exit {correctFinal / (double)longer.Length:0.000} (full " +
                $"reading {correctFull / (double)longer.Length:0.000})");
        }
    }
}
