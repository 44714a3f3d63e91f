using System.Diagnostics;
using Alert.Bench;

// Benchmarks and measurements that print figures (never timed unit tests).
// Usage: dotnet run -c Release --project bench/Alert.Bench -- [build|diversity|transfer|all]
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
    case "transfer":
        MacroTransferBench.Run(datasets);
        break;
    case "all":
        BuildBench.Run();
        DiversityBench.Run(datasets);
        MacroTransferBench.Run(datasets);
        break;
    default:
        Console.Error.WriteLine("usage: Alert.Bench [build|diversity|transfer|all] [DATASETS_DIR]");
        return 2;
}
Console.WriteLine($"(bench finished in {clock.Elapsed.TotalSeconds:0.0}s)");
return 0;
