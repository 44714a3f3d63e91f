using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Alert.Labels;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.View;

/// <summary>
/// <c>alert view</c> reads runs: after it stops, every run directory holds the same files with the same bytes (no
/// search index, no <c>-wal</c>/<c>-shm</c> files beside run.db or labels.db).
/// </summary>
public class ViewReadOnlyTests
{
    [Fact]
    public async Task BrowsingARunLeavesItsDirectoryByteForByteAsItWas()
    {
        using var dir = new TempDir();
        var (a, b) = await ViewRuns.CreateAsync(dir);
        // A label file from an earlier session: the overview reads it for the human-audited estimate.
        await (await LabelStore.OpenAsync(LabelStore.DefaultPath(a))).DisposeAsync();
        var before = (Snapshot(a), Snapshot(b));
        var start = CliHarness.ProcessStart("view", a, b);
        start.Environment["ALERT_CACHE_DIR"] = dir.File("cache");
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.NotNull(line);
            var url = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..]);
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
            Assert.Contains("openai:model-a", await client.GetStringAsync(url));
            foreach (var page in new[] { "/table", "/results?run=0", "/results?run=1&q=Request", "/report" })
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(url, page))).StatusCode);
            // The index is the view's own file, in the cache it was given.
            Assert.Equal(2, Directory.GetFiles(dir.File("cache/view"), "*.db").Length);
            // SIGTERM stops the view as Ctrl+C does.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        Assert.Equal(before.Item1, Snapshot(a));
        Assert.Equal(before.Item2, Snapshot(b));
    }

    /// <summary>Every file of a run directory, under it, with the SHA-256 of its bytes.</summary>
    private static string Snapshot(string directory) => string.Join('\n', Directory
        .GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => Path.GetRelativePath(directory, f) + " "
            + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))));
}
