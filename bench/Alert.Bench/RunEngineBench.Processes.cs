using System.Diagnostics;

namespace Alert.Bench;

internal static partial class RunEngineBench
{
    private static async Task<double?> PromptfooAsync(FixedLatencyServer server, string[] texts, string promptfooDir)
    {
        var work = Path.Combine(Path.GetTempPath(), "alert-bench-promptfoo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            await File.WriteAllLinesAsync(Path.Combine(work, "tests.csv"),
                new[] { "prompt" }.Concat(texts.Select(t => "\"" + t.Replace("\"", "\"\"") + "\"")));
            await File.WriteAllTextAsync(Path.Combine(work, "promptfooconfig.yaml"), $$$"""
                prompts:
                  - "{{prompt}}"
                providers:
                  - id: openai:chat:m
                    config:
                      apiBaseUrl: {{{server.BaseUrl}}}
                      apiKey: unused
                      temperature: 0
                      max_tokens: 512
                tests: file://tests.csv
                """);
            var psi = new ProcessStartInfo(Path.Combine(promptfooDir, "node_modules", ".bin", "promptfoo"))
            {
                WorkingDirectory = work,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var a in new[] { "eval", "-c", "promptfooconfig.yaml", "--max-concurrency",
                Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-cache", "--no-table",
                "--no-progress-bar", "--no-write", "-o", Path.Combine(work, "out.json") })
                psi.ArgumentList.Add(a);
            psi.Environment["PROMPTFOO_DISABLE_TELEMETRY"] = "1";
            psi.Environment["PROMPTFOO_DISABLE_UPDATE"] = "1";
            psi.Environment["PROMPTFOO_CONFIG_DIR"] = Path.Combine(work, ".promptfoo");
            psi.Environment["OPENAI_API_KEY"] = "unused";
            var before = server.Requests;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var seconds = clock.Elapsed.TotalSeconds;
            var served = server.Requests - before;
            if (served < texts.Length * 0.9)
            {
                var output = await stdout;
                var errors = await stderr;
                Console.WriteLine(
                    $"promptfoo: exit {process.ExitCode}, only {served} requests reached the server; output:\n" +
                    $"{output[^Math.Min(2000, output.Length)..]}\n{errors[^Math.Min(2000, errors.Length)..]}");
                return null;
            }
            Console.WriteLine($"  promptfoo: {served} requests in {seconds:0.0} s (process start included)");
            return served / seconds;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The CLI on the whole built-in benchmark (45,216 prompts) in a child process; its peak RSS from
    /// /proc.</summary>
    private static async Task FullRunMemoryAsync(FixedLatencyServer server)
    {
        var cli = Path.Combine(Repo.Root, "src", "Alert.Cli", "bin", "Release", "net10.0", "Alert.Cli.dll");
        if (!File.Exists(cli))
        {
            Console.WriteLine("memory: build src/Alert.Cli in Release first");
            return;
        }
        var dir = Path.Combine(Path.GetTempPath(), "alert-bench-full-" + Guid.NewGuid().ToString("N"));
        var (exit, seconds, peakKb) = await ChildProcessPeak.RunAsync([cli, "run", "--target", "openai:m",
            "--base-url", server.BaseUrl, "--judge", "refusal", "--concurrency", "256", "--out", dir, "--no-cache"]);
        Console.WriteLine(
            $"full built-in run (CLI, child process): exit {exit}, {seconds:0.0} s, peak " +
            $"RSS {peakKb / 1024.0:0} MiB (target < 300 MB)");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}
