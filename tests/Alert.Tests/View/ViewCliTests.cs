using System.Diagnostics;
using System.Net;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.View;

/// <summary><c>alert view</c> as a user runs it: the printed address works; bad input is one line.</summary>
public class ViewCliTests
{
    [Fact]
    public async Task TheCommandPrintsAnAddressWithItsTokenThatServesTheRun()
    {
        using var dir = new TempDir();
        var (a, _) = await ViewRuns.CreateAsync(dir);
        using var process = Process.Start(CliHarness.ProcessStart("view", a))!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.NotNull(line);
            var url = new Uri(line![(line.IndexOf("http://", StringComparison.Ordinal))..]);
            Assert.Equal("127.0.0.1", url.Host);
            Assert.StartsWith("?token=", url.Query, StringComparison.Ordinal);
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
            Assert.Contains("openai:model-a", await client.GetStringAsync(url));
            using var refused = await new HttpClient().GetAsync(new Uri(url, "/table"));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task ADirectoryThatIsNotARunIsOneLineAndExitOne()
    {
        using var dir = new TempDir();
        var result = await CliHarness.RunAsync("view", dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{dir.Path}: not a run directory (no run.db)", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--port", "abc")]
    public async Task ABadPortIsAUsageError(string option, string value)
    {
        using var dir = new TempDir();
        var result = await CliHarness.RunAsync("view", dir.Path, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--port", result.Error);
    }
}
