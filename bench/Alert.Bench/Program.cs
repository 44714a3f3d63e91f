using System.Diagnostics;
using Alert.Bench;

// Benchmarks and measurements that print figures (never timed unit tests); training is tools/Alert.Training.
// Usage: dotnet run -c Release --project bench/Alert.Bench --
//   [build|diversity|transfer|judge-cv|judge-speed|judge-profile|engine|engine-layers|chaos|attack|overhead|report
//   |refusal|guard|guard-e2e|classify|classify-cv|transfer-corpus|all]
// view: alert view on a 45k-result run: time to first page and to searches.
// engine [PROMPTS] [PROMPTFOO_DIR]: run-engine throughput vs a minimal client (and promptfoo), memory on 45k.
// memory [KEEP_DIR]: peak RSS of 'alert run' (mock target, refusal judge) on 45k and 450k prompts; the files and
// runs stay in KEEP_DIR when given (to compare outputs).
var what = args.Length > 0 ? args[0] : "all";
var datasets = args.Length > 1 ? args[1] : Path.Combine(Repo.Root, "..", "shared", "datasets");
var clock = Stopwatch.StartNew();
switch (what)
{
    case "build":
        BuildBench.Run();
        break;
    case "diversity":
        DiversityBench.Run(datasets);
        break;
    case "label-corpus":
        await LabelCorpusBench.RunAsync(args.Length > 1 ? args[1] : null);
        break;
    case "transfer-corpus":
        CorpusTransferBench.Run();
        break;
    case "transfer":
        MacroTransferBench.Run(datasets);
        break;
    case "judge-cv":
        JudgeExperiments.Run(datasets, args.Length > 2
            ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0.3,
            args.Length > 3 ? args[3] : "all");
        break;
    case "judge-human":
        JudgeHumanBench.Run(datasets, args.Length > 2 ? args[2] : "int8,float", args.Length > 3 ? args[3] : "4,3,2",
            args.Length > 4 ? args[4] : null);
        break;
    case "judge-int8":
        JudgeInt8Bench.Run();
        break;
    case "judge-profile":
        JudgeProfile.Run();
        break;
    case "judge-speed":
        JudgeThroughputBench.Run(datasets);
        break;
    case "engine":
        await RunEngineBench.RunAsync(args.Length > 1
            ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000,
            args.Length > 2 ? args[2] : null);
        break;
    case "engine-layers":
        await EngineLayersBench.RunAsync(args.Length > 1
            ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10000);
        break;
    case "chaos":
        await Alert.Bench.ChaosBench.RunAsync(args.Length > 1
            ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000,
            args.Length > 2 ? args[2] : null);
        break;
    case "attack":
        await AttackBench.RunAsync(args.Length > 1
            ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
        break;
    case "overhead":
        await RunEngineBench.OverheadAsync(args.Length > 1
            ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000);
        break;
    case "guard":
        await GuardBench.RunAsync(datasets);
        break;
    case "guard-e2e":
        GuardEndToEndBench.Run(datasets);
        break;
    case "classify":
        await ClassifyBench.RunAsync(datasets);
        break;
    case "classify-cv":
        await ClassifyCvBench.RunAsync(args.Length > 1 ? args[1].Split(',')
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList() : []);
        break;
    case "refusal":
        RefusalBench.Run(datasets);
        break;
    case "report":
        await ReportBench.RunAsync();
        break;
    case "view":
        await ViewBench.RunAsync();
        break;
    case "memory":
        await RunMemoryBench.RunAsync(args.Length > 1 ? args[1] : null);
        break;
    case "all":
        BuildBench.Run();
        DiversityBench.Run(datasets);
        MacroTransferBench.Run(datasets);
        JudgeThroughputBench.Run(datasets);
        break;
    default:
        Console.Error.WriteLine(
            "usage: Alert.Bench [build|diversity|transfer|judge-cv|judge-speed|judge-profile|engine|"
            + "engine-layers|chaos|attack|overhead|report|view|memory|refusal|guard|guard-e2e|classify|classify-cv|"
            + "all] " +
                "[DATASETS_DIR] " +
                "[ARG]");
        return 2;
}
Console.WriteLine($"(bench finished in {clock.Elapsed.TotalSeconds:0.0}s)");
return 0;
