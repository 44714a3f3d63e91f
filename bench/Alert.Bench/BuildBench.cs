using System.Diagnostics;
using Alert.Benchmark.Generation;

namespace Alert.Bench;

/// <summary>Full build (base + ALERT_Adv, written with manifest) time; target: under 10 s.</summary>
internal static class BuildBench
{
    public static void Run()
    {
        var dir = Path.Combine(Path.GetTempPath(), "alert-bench-build-" + Guid.NewGuid().ToString("N"));
        try
        {
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                var builder = new BenchmarkBuilder();
                var built = builder.Build(new BuildOptions());
                builder.WriteAsync(built, dir).GetAwaiter().GetResult();
                times.Add(clock.Elapsed.TotalSeconds);
                rows = built.Base.Count + built.Adversarial.Count;
            }
            Console.WriteLine(
                $"build: {rows} rows (base + adversarial + manifest) in {times.Min():0.00}s best " +
                $"/ {times.Average():0.00}s mean of 3 (target < 10 s) = {rows / times.Min():0} rows/s");
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }
}
