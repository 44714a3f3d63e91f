using System.Diagnostics;
using Alert.Reporting;
using Alert.Scoring;

namespace Alert.Bench;

/// <summary>
/// <c>alert report</c> on 10 runs of the full built-in benchmark (45,216 rows each): two real runs made
/// with the CLI (mock targets, refusal judge), copied to ten run directories, then the report timed.
/// </summary>
internal static class ReportBench
{
    public static async Task RunAsync()
    {
        var cli = Path.Combine(Repo.Root, "src", "Alert.Cli", "bin", "Release", "net10.0", "Alert.Cli.dll");
        var root = Path.Combine(Path.GetTempPath(), "alert-bench-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var target in new[] { "mock:refuse", "mock:comply" })
            {
                var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
                foreach (var a in new[] { cli, "run", "--target", target, "--judge", "refusal", "--out",
                    Path.Combine(root, target.Replace(':', '-')) })
                    psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                await p.StandardOutput.ReadToEndAsync();
                await p.WaitForExitAsync();
                if (p.ExitCode != 0)
                    throw new InvalidOperationException("run failed: " + target);
            }
            var runs = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                var source = Path.Combine(root, i % 2 == 0 ? "mock-refuse" : "mock-comply");
                var copy = Path.Combine(root, $"run{i}");
                Directory.CreateDirectory(copy);
                File.Copy(Path.Combine(source, "run.db"), Path.Combine(copy, "run.db"));
                runs.Add(copy);
            }
            var clock = Stopwatch.StartNew();
            var reports = new RunReport[runs.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, runs.Count), async (i, ct) =>
                reports[i] = await RunReport.LoadAsync(runs[i], SafetyPolicy.Full, cancellationToken: ct));
            var loaded = clock.Elapsed.TotalSeconds;
            var model = ReportModel.Create(reports, SafetyPolicy.Full);
            var outDir = Path.Combine(root, "report");
            Directory.CreateDirectory(outDir);
            foreach (var exporter in ReportExporters.Default)
                await exporter.ExportAsync(model, outDir);
            Console.WriteLine(
                $"report on 10 runs x {reports[0].Scores.Overall.Total} rows: {clock.Elapsed.TotalSeconds:0.00} s " +
                $"(reading {loaded:0.00} s; target < 10 s)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
