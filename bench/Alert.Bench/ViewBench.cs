using System.Diagnostics;
using System.Globalization;
using System.Net;
using Alert.View;

namespace Alert.Bench;

/// <summary>
/// <c>alert view</c> on a run of the full built-in benchmark (45k prompts, mock:echo, refusal judge): time to the
/// first page (reading the run and building its search index, then the first request), to a results page and to
/// full-text searches; then a second start, with the index already built.
/// </summary>
internal static class ViewBench
{
    public static async Task RunAsync()
    {
        var cli = Path.Combine(Repo.Root, "src", "Alert.Cli", "bin", "Release", "net10.0", "Alert.Cli.dll");
        var root = Path.Combine(Path.GetTempPath(), "alert-bench-view-" + Guid.NewGuid().ToString("N"));
        var run = Path.Combine(root, "echo");
        try
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
            foreach (var a in new[] { cli, "run", "--target", "mock:echo", "--judge", "refusal", "--out", run })
                psi.ArgumentList.Add(a);
            using (var p = Process.Start(psi)!)
            {
                await p.StandardOutput.ReadToEndAsync();
                await p.WaitForExitAsync();
                if (p.ExitCode != 0)
                    throw new InvalidOperationException("alert run failed");
            }
            foreach (var pass in new[] { "first start (index built)", "second start (index kept)" })
            {
                var clock = Stopwatch.StartNew();
                await using var server = await ViewServer.StartAsync(new ViewOptions([run]));
                var started = clock.Elapsed.TotalSeconds;
                using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
                using var client = new HttpClient(handler) { BaseAddress = server.Address };
                var first = await TimeAsync(client, server.Url.PathAndQuery);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{pass}: server up {started:0.00} s, first page {first.Ms:0} ms: time to first page "
                    + $"{clock.Elapsed.TotalSeconds:0.00} s"));
                foreach (var path in new[]
                {
                    "/table", "/results?run=0", "/results?run=0&page=900", "/results?run=0&verdict=unsafe&attack=none",
                    "/results?run=0&q=people", "/results?run=0&q=step+by+step", "/results?run=0&q=people&page=40",
                    "/label?run=0&labeller=bench",
                })
                {
                    var (ms, bytes) = await TimeAsync(client, path);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  GET {path}: {ms:0.0} ms ({bytes / 1024.0:0} KiB)"));
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<(double Ms, long Bytes)> TimeAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{path}: HTTP {(int)response.StatusCode}");
        return (clock.Elapsed.TotalMilliseconds, body.LongLength);
    }
}
