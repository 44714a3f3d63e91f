using System.Diagnostics;
using Alert.Training;

// Trains the shipped in-process models from the public development sets (scripts/train-*.sh run these).
// Usage: dotnet run -c Release --project tools/Alert.Training -- COMMAND [DATASETS_DIR] [ARGS]
//   judge-data DATASETS OUT all|moderation     the embedded judge's labelled training rows (for alert judge train)
// judge-tune DATASETS SPLITS|- [OUT]         the judge's response encoder, tuned per split (pair, gcg, xstest, jbb) or
// once to OUT
//   prompt-guard DATASETS [OUT]                the prompt guard's head, with leave-one-source-out figures
//   prompt-guard-tune DATASETS OUT|- [loo]     the prompt guard's fine-tuned top layer and head
//   classifier [OUT]                           the taxonomy classifier's learned stage (hand-labelled corpus)
var what = args.Length > 0 ? args[0] : "";
var datasets = args.Length > 1 ? args[1] : Path.Combine(Repo.Root, "..", "shared", "datasets");
var clock = Stopwatch.StartNew();
switch (what)
{
    case "judge-data":
        JudgeData.Write(datasets, args.Length > 2 ? args[2] : "judge-train.jsonl", args.Length > 3 ? args[3] : "all");
        break;
    case "judge-tune":
        JudgeTuning.Run(datasets, args.Length > 2 ? args[2] : "pair", args.Length > 3 ? args[3] : null);
        break;
    case "prompt-guard":
        await PromptGuardTraining.RunAsync(datasets, args.Length > 2 ? args[2] : null);
        break;
    case "prompt-guard-tune":
        PromptGuardTuning.Run(datasets, args.Length > 2 && args[2] != "-" ? args[2] : null, args.Contains("loo"));
        break;
    case "classifier":
        await TaxonomyClassifierTraining.RunAsync(args.Length > 1 ? args[1] : null);
        break;
    default:
        Console.Error.WriteLine(
            "usage: Alert.Training judge-data|judge-tune|prompt-guard|prompt-guard-tune|classifier [ARGS]");
        return 2;
}
Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:0.0}s");
return 0;
