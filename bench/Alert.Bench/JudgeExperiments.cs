using System.Diagnostics;
using Alert.Judges;
using Alert.Judges.Embedded;

namespace Alert.Bench;

/// <summary>
/// Cross-domain validation of the embedded judge on the development sets, compared with the refusal
/// baseline (and Llama Guard v1 where the data has its verdicts): in-domain CV overstates accuracy on new
/// data, leaving out a whole attack method or source does not.
/// </summary>
internal static class JudgeExperiments
{
    public static void Run(string datasets, double l2 = 0.3, string subset = "all")
    {
        var rows = JudgeData.Load(datasets);
        Console.WriteLine($"judge data: {rows.Count} pairs ({rows.Count(r => r.Pair.Unsafe)} unsafe)");
        using var embedder = new TextEmbedder();
        using var trainer = new EmbeddedJudgeTrainer(embedder);
        var clock = Stopwatch.StartNew();
        var x = FeatureCache.Load(rows, trainer);
        // Feature subsets for ablation: all, noemb / noresp (without the response embedding).
        int[] keep = subset switch
        {
            "noemb" => Enumerable.Range(TextEmbedder.Dimensions, x[0].Length - TextEmbedder.Dimensions).ToArray(),
            "noresp" => Enumerable.Range(TextEmbedder.Dimensions, x[0].Length - TextEmbedder.Dimensions).ToArray(),
            _ => Enumerable.Range(0, x[0].Length).ToArray(),
        };
        x = x.Select(v => keep.Select(j => v[j]).ToArray()).ToArray();
        Console.WriteLine(
            $"features: {x[0].Length} per pair, ready in {clock.Elapsed.TotalSeconds:0}s; responses read " +
            $"by {trainer.Features.ResponseEncoder}");
        Console.WriteLine(
            "(the shipped response encoder was fine-tuned on all answers to harmful requests here, so these splits " +
            "flatter it; tools/Alert.Training judge-tune tunes one per split)");
        var refusal = new RefusalJudge();
        var options = new TrainingOptions { L2 = l2 };
        // The refusal prior of the shipped judge is the one with the best mean over these leave-outs.
        double[] priors = [.. TrainingOptions.RefusalPriors, 1.6, 2.2];
        const double shipped = 0.85;
        var sums = new double[priors.Length];
        var splits = 0;

        // benignPrompts: whether answers to benign requests are trained on (the moderation judge) or not (the red-team
        // judge).
        void Report(string name, Func<DevPair, bool> trainOn, Func<DevPair, bool> testOn, bool benignPrompts = false)
        {
            var train = Enumerable.Range(0, rows.Count)
                .Where(i => trainOn(rows[i]) && (benignPrompts || !rows[i].BenignPrompt)).ToArray();
            var test = Enumerable.Range(0, rows.Count).Where(i => testOn(rows[i])).ToArray();
            var head = LogisticRegression.Train(
                train.Select(i => x[i]).ToArray(), train.Select(i => rows[i].Pair.Unsafe ? 1 : 0).ToArray(),
                options.L2, options.Epochs);
            var models = priors.Select(p => new EmbeddedJudgeModel
            {
                Name = "cv",
                Head = head,
                RefusalPrior = (float)p
            }).ToArray();
            var emb = priors.Select(_ => JudgeMetrics.Empty).ToArray();
            JudgeMetrics refu = JudgeMetrics.Empty, lg = JudgeMetrics.Empty;
            foreach (var i in test)
            {
                var truth = rows[i].Pair.Unsafe;
                for (var k = 0; k < priors.Length; k++)
                    emb[k] = emb[k].Add(truth, models[k].Predict(x[i]) >= 0.5f ? Verdict.Unsafe : Verdict.Safe);
                refu = refu.Add(truth, refusal.JudgeAsync(rows[i].Pair.Prompt, rows[i].Pair.Response).Result.Verdict);
                if (rows[i].LlamaGuard is { } g)
                    lg = lg.Add(truth, g == "unsafe" ? Verdict.Unsafe : Verdict.Safe);
            }
            var e = emb[Array.IndexOf(priors, shipped)];
            Console.WriteLine(
                $"{name,-44} n={test.Length,5}  embedded acc {e.Accuracy:0.000} f1 {e.F1:0.000} " +
                $"kappa {e.Kappa:0.000} | refusal " +
                $"acc {refu.Accuracy:0.000}{(lg.Judged > 0 ? $" | llama guard v1 acc {lg.Accuracy:0.000}" : "")}");
            Console.WriteLine(
                $"{"",46}by refusal " +
                $"prior: {string.Join("  ", priors.Select((p, k) => $"{p:0.##}: {emb[k].Accuracy:0.000}"))}");
            for (var k = 0; k < priors.Length; k++)
                sums[k] += emb[k].Accuracy;
            splits++;
        }

        Console.WriteLine(
            $"red-team judge (trained on answers to harmful requests) with refusal prior {shipped} (the shipped " +
            $"model's), one head per split:");
        foreach (var method in rows.Where(r => r.Domain == "jailbreakbench").Select(r => r.Method).Distinct().Order())
            Report($"leave out JBB attack {method}", r => r.Method != method, r => r.Method == method);
        foreach (var model in rows.Where(r => r.Domain == "jailbreakbench").Select(r => r.Model).Distinct().Order())
            Report($"leave out JBB target {model}", r => r.Model != model || r.Domain != "jailbreakbench", r =>
                r.Model == model && r.Domain == "jailbreakbench");
        Report("train JBB -> test XSTest harmful prompts", r => r.Domain == "jailbreakbench", r =>
            r.Domain == "xstest" && !r.BenignPrompt);
        Report("train XSTest -> test JBB", r => r.Domain == "xstest", r => r.Domain == "jailbreakbench");
        Console.WriteLine(
            $"mean accuracy over the {splits} splits by refusal " +
            $"prior: {string.Join("  ", priors.Select((p, k) => $"{p:0.##}: {sums[k] / splits:0.000}"))}");

        // Answers to benign requests (what a guard's output check mostly sees): XSTest's safe prompts starting A-L
        // held out; accuracy is the share judged safe. The moderation judge trains on the other benign answers.
        static bool HeldBenign(DevPair r) => r.BenignPrompt && char.ToUpperInvariant(r.Goal[0]) < 'M';
        Report("benign answers, red-team judge", r => !HeldBenign(r), HeldBenign);
        Report("benign answers, moderation judge", r => !HeldBenign(r), HeldBenign, benignPrompts: true);
        // Soft refusals: answers to harmful requests that push back or redirect without a stock refusal phrase
        // (XSTest human label: full refusal). Harmful prompts starting A-L held out with all their answers.
        static bool HeldHarmful(DevPair r) => r.Domain == "xstest" && !r.BenignPrompt
            && char.ToUpperInvariant(r.Goal[0]) < 'M';
        bool Soft(DevPair r) => HeldHarmful(r) && !r.Pair.Unsafe && refusal.JudgeAsync(r.Pair.Prompt, r.Pair.Response)
            .Result.Verdict == Verdict.Unsafe;
        Report("soft refusals, red-team judge", r => !HeldHarmful(r), Soft);
        Report("soft refusals, moderation judge", r => !HeldHarmful(r), Soft, benignPrompts: true);
        Report("moderation judge: leave out JBB attack PAIR", r => r.Method != "PAIR", r =>
            r.Method == "PAIR", benignPrompts: true);
        Report("moderation judge: train XSTest -> test JBB", r => r.Domain == "xstest", r =>
            r.Domain == "jailbreakbench", benignPrompts: true);

        // Distillation: train on some JBB behaviours, test on the others (split by goal).
        var jbb = rows.Where(r => r.Domain == "jailbreakbench").Select(r => r.Pair with { Group = r.Goal }).ToList();
        var jbbIdx = Enumerable.Range(0, rows.Count).Where(i => rows[i].Domain == "jailbreakbench").ToArray();
        var cv = EmbeddedJudgeTrainer.CrossValidate(jbb, jbbIdx.Select(i => x[i]).ToArray(), options, priors);
        Console.WriteLine(
            $"{"distillation: JBB 5-fold CV split by goal",-44} n={cv[0].Judged,5}  by refusal " +
            $"prior: {string.Join("  ", priors.Select((p, k) => $"{p:0.##}: {cv[k].Accuracy:0.000}"))}");
    }
}
