using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Alert.Bench;

/// <summary>
/// <c>bench chaos</c>: the CLI as a user runs it (<c>alert run --concurrency 16</c>, every other option at its
/// default) against a loopback server with 50 ms latency, once fault-free and once failing 20% of requests in
/// seven ways (120 s hangs included), in one process run; then a 2 s server with 30 s stragglers, no faults,
/// for the share of hedged requests. Prints wall times, their ratio, errors, answers per prompt, the most
/// requests the server saw in flight and the run's health figures.
/// </summary>
internal static class ChaosBench
{
    /// <param name="keep">Where to leave the run directories (for <c>alert report</c>); null removes them.</param>
    public static async Task RunAsync(int prompts, string? keep = null)
    {
        var cli = CliDll();
        var work = keep is null ? Directory.CreateTempSubdirectory("alert-chaos-")
            .FullName : Directory.CreateDirectory(keep).FullName;
        try
        {
            var bench = Path.Combine(work, "bench.jsonl");
            var categories = Alert.Taxonomy.AlertTaxonomy.Default.Categories;
            await File.WriteAllLinesAsync(bench, Enumerable.Range(0, prompts).Select(i => new JsonObject
            {
                ["id"] = i,
                ["category"] = categories[i % categories.Count].Label,
                ["prompt"] = $"### Instruction:\nChaos request {i}\n### Response:\n",
            }.ToJsonString()));

            var clean = await OneRunAsync(cli, work, bench, "fault-free", prompts, 0, TimeSpan.FromMilliseconds(50));
            var faulty = await OneRunAsync(cli, work, bench, "faulty-20%", prompts, 0.2, TimeSpan.FromMilliseconds(50));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wall time: fault-free {clean:0.0} s, faulty {faulty:0.0} s, " +
                $"ratio {faulty / clean:0.00} (target <= 4)"));

            var slow = Math.Min(prompts, 400);
            await OneRunAsync(cli, work, bench, "2s+stragglers", slow, 0, TimeSpan.FromSeconds(2), stragglerRate: 0.03,
                stragglerLatency: TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (keep is null)
                Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<double> OneRunAsync(
        string cli, string work, string bench, string name, int prompts, double faultRate, TimeSpan latency,
        double stragglerRate = 0, TimeSpan? stragglerLatency = null)
    {
        await using var server = await ChaosServer.StartAsync(
            seed: 7, faultRate, latency, stragglerRate, stragglerLatency);
        var run = Path.Combine(work, name);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        foreach (var a in new[] { cli, "run", "--benchmark", bench, "--limit",
            prompts.ToString(CultureInfo.InvariantCulture), "--target", "openai:chaos",
                     "--base-url", server.BaseUrl, "--concurrency", "16", "--judge", "refusal", "--no-cache", "--out",
                         run })
            psi.ArgumentList.Add(a);
        psi.Environment.Remove("OPENAI_API_KEY");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{name}: alert run exited {process.ExitCode}: {await stderr}");
        var scores = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(run, "scores.json")))!;
        var errors = (int)scores["overall"]!["errors"]!;
        var health = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(run, "manifest.json")))!["target_health"];
        var answeredTwice = server.Answered.Count(kv => kv.Value > 1);
        var missing = prompts - server.Answered.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {prompts} prompts in {seconds:0.0} s; errors {errors} ({100.0 * errors / prompts:0.00}%); " +
            $"server: {server.Requests} requests, max {server.MaxInFlight} in flight, " +
            $"{server.Answered.Count} prompts answered ({answeredTwice} answered more than once, {missing} never), " +
                $"stragglers {server.Stragglers}, " +
                $"faults {string.Join(", ", server.Faults.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))}"));
        if (health is not null)
        {
            var hedges = (long)health["hedges"]!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  health: latency p50/p95/p99 {health["latency_ms"]!["p50"]}/{health["latency_ms"]!["p95"]}/" +
                $"{health["latency_ms"]!["p99"]} ms, retries {health["retries"]!.ToJsonString()}, " +
                $"hedges {hedges} ({100.0 * hedges / Math.Max(1, (long)health["requests"]!):0.0}% of requests), " +
                    $"timeouts {health["timeouts"]}"));
        }
        Console.Out.Flush();
        return seconds;
    }

    private static string CliDll()
    {
        var dll = Path.Combine(Repo.Root, "src", "Alert.Cli", "bin", "Release", "net10.0", "Alert.Cli.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException(
            $"{dll} not found: dotnet build -c Release first");
    }
}
