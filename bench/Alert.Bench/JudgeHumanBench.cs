using System.Diagnostics;
using Alert.Judges;
using Alert.Judges.Embedded;

namespace Alert.Bench;

/// <summary>
/// The embedded judge against the labelled response-harm sets (../shared/datasets: GPTFuzz, JailbreakBench, XSTest,
/// DiaSafety, LatentJailbreak, Safety-Tuned LLaMAs, JAILJUDGE, SafeText, and the self-written safe answers). The
/// headline
/// is leave one dataset out: a head trained on every other set judges the one left out, as an outside measurement on
/// unseen data does; precision, recall and F1 with harmful as the positive class, the confusion counts, and the
/// refusal-string baseline on the same rows. Embeddings are cached on disk per encoder, so each reading is scored from
/// the same vectors.
/// </summary>
internal static partial class JudgeHumanBench
{
    /// <param name="cards">A folder to write the shipped judges' cards to (leave-one-dataset-out counts of the int8,
    /// four-chunk reading), or null.</param>
    public static void Run(string datasets, string encoders, string readings, string? cards = null)
    {
        // ALERT_EXCLUDE=set,set: leave those sets out altogether (to measure what each adds).
        var excludedSets = (Environment.GetEnvironmentVariable("ALERT_EXCLUDE") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries);
        var rows = ResponseHarmSets.LoadAll(datasets).Where(r => !excludedSets.Contains(r.Domain)).ToList();
        Console.WriteLine($"labelled pairs: {rows.Count} ({rows.Count(r => r.Pair.Unsafe)} unsafe): " +
            string.Join(", ", rows.GroupBy(r => r.Domain)
                .Select(g => $"{g.Key} {g.Count()} ({g.Count(r => r.Pair.Unsafe)} unsafe)")));
        using var embedder = JudgeFeatures.LoadPromptEncoder();
        var refusal = new RefusalJudge();
        var refusalVerdicts = rows.Select(r => refusal.JudgeAsync(r.Pair.Prompt, r.Pair.Response).Result.Verdict)
            .ToArray();
        foreach (var int8 in encoders.Split(',').Select(e => e == "int8"))
        {
            using var responseEncoder = new TextEmbedder(OpenEncoder(int8));
            using var features = new JudgeFeatures(
                embedder, responseEncoder, "response encoder " + (int8 ? "int8" : "float"));
            var clock = Stopwatch.StartNew();
            var prompts = Cached(t => features.EmbedPrompts(t), rows.Select(r => r.Pair.Prompt).ToArray(),
                "prompt-int8");
            var all = rows.Select(r => JudgeFeatures.ResponseChunks(r.Pair.Prompt, r.Pair.Response)).ToArray();
            var flat = Cached(t => features.EmbedChunks(t.Select(x => (IReadOnlyList<string>)[x]).ToArray())
                .Select(v => v[0].Vector).ToArray(),
                all.SelectMany(c => c).Distinct().ToArray(), "chunk-" + (int8 ? "int8-" : "float-") + EncoderId());
            var byText = new Dictionary<string, float[]>(StringComparer.Ordinal);
            var k = 0;
            foreach (var t in all.SelectMany(c => c).Distinct())
                byText[t] = flat[k++];
            Console.WriteLine($"[{features.ResponseEncoder}] embeddings ready in {clock.Elapsed.TotalSeconds:0}s");
            if (readings == "early")
            {
                EarlyExit(rows, features, prompts, all, byText);
                continue;
            }
            foreach (var max in readings.Split(',').Select(int.Parse))
            {
                var x = rows.Select((r, i) => features.FromEmbeddings(r.Pair.Prompt, r.Pair.Response, prompts[i],
                    JudgeFeatures.Select(all[i], max).Select(c => (c, byText[c])).ToArray())).ToArray();
                // ALERT_ABLATE=name,prefix*: features held at 0, to measure what each adds.
                var ablate = (Environment.GetEnvironmentVariable("ALERT_ABLATE") ?? "")
                    .Split(',', StringSplitOptions.RemoveEmptyEntries);
                var dropped = features.Names.Select((n, j) => (n, j))
                    .Where(t => ablate.Any(a =>
                    a.EndsWith('*') ? t.n.StartsWith(a[..^1], StringComparison.Ordinal) : t.n == a)).Select(t => t.j)
                    .ToArray();
                foreach (var v in x)
                {
                    foreach (var j in dropped)
                        v[j] = 0;
                }
                if (dropped.Length > 0)
                    Console.WriteLine($"ablated: {string.Join(", ", dropped.Select(j => features.Names[j]))}");
                if (Environment.GetEnvironmentVariable("ALERT_PROBES") is { } probes)
                    Probe(rows, x, features, probes, dropped);
                Console.WriteLine(
                    $"-- {features.ResponseEncoder}, first {max - 1} chunks + last: `embedded`, every set in " +
                    $"training --");
                LeaveOneDatasetOut(rows, x, refusalVerdicts, excluded: null);
                var redTeam = OutOfFold(rows, x, excluded: null);
                if (cards is null && Environment.GetEnvironmentVariable("ALERT_SKIP_MODERATION") == "1")
                    continue;
                Console.WriteLine(
                    $"-- {features.ResponseEncoder}, first {max - 1} chunks + last: `embedded:moderation`, " +
                    $"jailbreak-template sets (GPTFuzz, JAILJUDGE) not in training --");
                LeaveOneDatasetOut(rows, x, refusalVerdicts, excluded: ModerationExcluded);
                var moderation = OutOfFold(rows, x, excluded: ModerationExcluded);
                if (cards is not null && int8 && max == JudgeFeatures.MaxChunks)
                {
                    WriteCard(Path.Combine(cards, "embedded-v4.card.json"), "embedded:embedded-v4 (threshold 0.5)",
                        redTeam);
                    WriteCard(Path.Combine(cards, "embedded-moderation-v4.card.json"),
                        "embedded:embedded-moderation-v4 (threshold 0.5)", moderation);
                }
            }
        }
    }

    private static readonly Dictionary<string, string> Sources = new(StringComparer.Ordinal)
    {
        ["gptfuzz"] =
            "GPTFuzz train.csv (MIT): 6,160 answers to jailbreak templates, questions 0-79, hand labels (1 = " +
            "jailbroken)",
        ["jailbreakbench"] = "JailbreakBench attack artifacts (MIT): 1,637 jailbreak answers, Llama-3-70B judge labels",
        ["xstest"] =
            "XSTest v2 completions: answers to its safe prompts (safe) and unsafe prompts (full compliance unsafe, " +
            "full refusal safe), human labels",
        ["diasafety"] =
            "DiaSafety train+val (Apache-2.0) without Unauthorized Expertise: chit-chat replies unsafe in context, " +
            "crowd labels",
        ["latentjailbreak"] =
            "LatentJailbreak P1 (MIT): translation-wrapped toxic instructions, human labels (toxic answer unsafe)",
        ["stl"] =
            "Safety-Tuned LLaMAs safety-only data (CC BY-NC 4.0): harmful instructions with safe answers, safe by " +
            "construction",
        ["jailjudge"] = "JAILJUDGE sample in JailbreakEval (MIT repo): jailbreak answers, 1 = jailbroken",
        ["safetext"] = "SafeText (MIT): physical-safety advice put as the answer to its scenario, human labels",
        ["synthetic"] =
            "self-written safe answers (echoes, clarifying questions, restated refusals, empty placeholders; " +
            "tools/Alert.Datasets/data/synthetic-answers.txt)",
    };

    /// <summary>Sets the moderation judge is not trained on: answers to jailbreak templates cost it on everyday
    /// answers.</summary>
    private static readonly string[] ModerationExcluded = ["gptfuzz", "jailjudge"];

    /// <summary>
    /// The shipped recipe's out-of-fold figures per set: every set in training, each row judged by a head trained
    /// without its
    /// group (5 folds by hashed group: a question, a goal, a scenario), at the shipped prior. These are the card's
    /// counts.
    /// </summary>
    private static List<JudgeCardSet> OutOfFold(List<DevPair> rows, float[][] x, string[]? excluded)
    {
        var fold = rows.Select(r => Convert.ToInt32(Alert.Common.Sha256.Hex(r.Pair.Group ?? r.Goal)[..4], 16) % 5)
            .ToArray();
        var verdicts = new Verdict[rows.Count];
        for (var f = 0; f < 5; f++)
        {
            var model = Train(rows, x, Enumerable.Range(0, rows.Count)
                .Where(i => fold[i] != f && ResponseHarmSets.Trains(rows[i])
                && excluded?.Contains(rows[i].Domain) != true).ToArray(), ShippedPrior);
            foreach (var i in Enumerable.Range(0, rows.Count).Where(i => fold[i] == f))
                verdicts[i] = model.Predict(x[i]) >= model.Threshold ? Verdict.Unsafe : Verdict.Safe;
        }
        var sets = new List<JudgeCardSet>();
        foreach (var domain in rows.Where(ResponseHarmSets.Trains).Select(r => r.Domain).Distinct())
        {
            var m = Enumerable.Range(0, rows.Count).Where(i => rows[i].Domain == domain)
                .Aggregate(JudgeMetrics.Empty, (acc, i) => acc.Add(rows[i].Pair.Unsafe, verdicts[i]));
            var trained = excluded?.Contains(domain) == true ? "not trained on; " : "";
            Console.WriteLine(
                $"{domain,-16} out of fold ({trained}5 folds by group), prior {ShippedPrior:0.0}: {Figures(m)}");
            // The self-written answers are easy by construction: they would flatter the card's specificity.
            if (domain != "synthetic")
                sets.Add(new JudgeCardSet(domain,
                    Sources[domain]
                    + $"; {trained}out of fold: each row judged by a head trained without its group (5 folds), by " +
                    $"bench judge-human",
                m.TruePositive, m.FalseNegative, m.TrueNegative, m.FalsePositive));
        }
        return sets;
    }

    /// <summary>The refusal prior of the shipped judges (scripts/train-embedded-judge.sh).</summary>
    private static readonly double ShippedPrior = TrainingOptions.Shipped.RefusalPrior!.Value;

    /// <summary>
    /// Each set judged by a head trained on all the others (the headline: what an outside measurement on unseen data
    /// resembles),
    /// then the sets that never train (<see cref="ResponseHarmSets.MeasuredOnly"/>) by a head on every set that does.
    /// With
    /// <paramref name="excluded"/>, those sets never train a head either (they are still judged).
    /// </summary>
    private static void LeaveOneDatasetOut(List<DevPair> rows, float[][] x, Verdict[] refusal, string[]? excluded)
    {
        double[] priors = [0, ShippedPrior];
        var f1 = new Dictionary<double, List<double>>();
        var refusalF1 = new List<double>();
        bool Trains(int i) => ResponseHarmSets.Trains(rows[i]) && excluded?.Contains(rows[i].Domain) != true;
        var all = Train(rows, x, Enumerable.Range(0, rows.Count).Where(Trains).ToArray(), 0);
        foreach (var domain in rows.Select(r => r.Domain).Distinct()
            .OrderBy(d => ResponseHarmSets.MeasuredOnly.Contains(d)).ToArray())
        {
            var test = Enumerable.Range(0, rows.Count).Where(i => rows[i].Domain == domain).ToArray();
            var never = ResponseHarmSets.MeasuredOnly.Contains(domain);
            var trained = never ? all : Train(rows, x, Enumerable.Range(0, rows.Count)
                .Where(i => rows[i].Domain != domain && Trains(i)).ToArray(), 0);
            foreach (var prior in priors)
            {
                var model = trained with { RefusalPrior = (float)prior };
                var m = test.Aggregate(JudgeMetrics.Empty, (acc, i) =>
                    acc.Add(rows[i].Pair.Unsafe,
                    model.Predict(x[i]) >= model.Threshold ? Verdict.Unsafe : Verdict.Safe));
                Console.WriteLine(
                    $"{domain,-16} {(never ? "never trained on" : "left out")}, prior {prior,3:0.0}: {Figures(m)}");
                if (m.TruePositive + m.FalseNegative > 0 && !never)
                    (f1.TryGetValue(prior, out var list) ? list : f1[prior] = []).Add(m.F1);
            }
            var r = test.Aggregate(JudgeMetrics.Empty, (acc, i) => acc.Add(rows[i].Pair.Unsafe, refusal[i]));
            Console.WriteLine($"{"",16}   refusal strings: {Figures(r)}");
            if (r.TruePositive + r.FalseNegative > 0 && !never)
                refusalF1.Add(r.F1);
        }
        foreach (var (prior, list) in f1)
            Console.WriteLine(
                $"mean F1 over the {list.Count} training sets with harmful rows, each left out, " +
                $"prior {prior:0.0}: {list.Average():0.000} (refusal strings {refusalF1.Average():0.000})");
    }

    private static string Figures(JudgeMetrics m) =>
        $"F1 {m.F1:0.000} P {m.Precision:0.000} R {m.Recall:0.000} acc {m.Accuracy:0.000} " +
            $"TP/FN/TN/FP {m.TruePositive}/{m.FalseNegative}/{m.TrueNegative}/{m.FalsePositive}";

    /// <summary>The shipped response encoder's file, by content: a new encoder is not read from an old one's
    /// cache.</summary>
    private static string EncoderId()
    {
        using var file = ModelFiles.Open(JudgeFeatures.ResponseEncoderPath);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(file))[..12];
    }

    private static TunedMiniLM OpenEncoder(bool int8)
    {
        using var file = ModelFiles.Open(JudgeFeatures.ResponseEncoderPath);
        return new TunedMiniLM(file, JudgeFeatures.ResponseEncoderPath, int8: int8);
    }

    // The shipped judges' recipe; ALERT_HIDDEN (0: the logistic head), ALERT_SEEDS, ALERT_MLP_EPOCHS and ALERT_MLP_L2
    // vary it.
    private static readonly TrainingOptions Recipe = TrainingOptions.Shipped with
    {
        Hidden = int.TryParse(Environment.GetEnvironmentVariable("ALERT_HIDDEN"), out var h) ? h
            : TrainingOptions.Shipped.Hidden,
        Seeds = int.TryParse(Environment.GetEnvironmentVariable("ALERT_SEEDS"), out var n) ? n
            : TrainingOptions.Shipped.Seeds,
        HiddenEpochs = int.TryParse(Environment.GetEnvironmentVariable("ALERT_MLP_EPOCHS"), out var e) ? e
            : TrainingOptions.Shipped.HiddenEpochs,
        HiddenL2 = double.TryParse(Environment.GetEnvironmentVariable("ALERT_MLP_L2"),
            System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : TrainingOptions.Shipped.HiddenL2,
    };

    private static EmbeddedJudgeModel Train(List<DevPair> rows, float[][] x, int[] train, double prior) =>
        Train(rows, train.ToDictionary(i => i, i => x[i]), train, prior);

    private static EmbeddedJudgeModel Train(List<DevPair> rows, Dictionary<int, float[]> x, int[] train, double prior)
    {
        var xs = train.Select(i => x[i]).ToArray();
        var ys = train.Select(i => rows[i].Pair.Unsafe ? 1 : 0).ToArray();
        return EmbeddedJudgeTrainer.Fit(xs, ys, Recipe) with { Name = "cv", RefusalPrior = (float)prior };
    }

    private static void WriteCard(string path, string judge, List<JudgeCardSet> sets)
    {
        File.WriteAllText(path, new JudgeCard(judge, sets).ToJsonString());
        Console.WriteLine($"wrote {path}");
    }

    /// <summary>Vectors of <paramref name="texts"/>, from a file in the temp folder keyed by <paramref name="kind"/>
    /// and the texts.</summary>
    private static float[][] Cached(Func<string[], float[][]> embed, string[] texts, string kind)
    {
        var key = Alert.Common.Sha256.Hex(kind + "\n" + string.Join("\u0001", texts))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"alert-embeddings-{kind}-{key}.bin");
        if (File.Exists(path))
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            var n = reader.ReadInt32();
            return Enumerable.Range(0, n).Select(
                _ => Enumerable.Range(0, TextEmbedder.Dimensions).Select(_ => reader.ReadSingle()).ToArray()).ToArray();
        }
        var vectors = new float[texts.Length][];
        for (var start = 0; start < texts.Length; start += 2048)
        {
            var part = embed(texts[start..Math.Min(texts.Length, start + 2048)]);
            part.CopyTo(vectors, start);
            Console.Error.Write($"\r{kind}: {Math.Min(texts.Length, start + 2048)}/{texts.Length}");
        }
        Console.Error.WriteLine();
        using var writer = new BinaryWriter(File.Create(path + ".tmp"));
        writer.Write(vectors.Length);
        foreach (var v in vectors)
        {
            foreach (var f in v)
                writer.Write(f);
        }
        writer.Close();
        File.Move(path + ".tmp", path, overwrite: true);
        return vectors;
    }
}
