using System.Diagnostics;
using Alert.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Alert.Tests.Running;

/// <summary>
/// A target or judge that cannot work (nothing listening, a wrong key, model or URL) stops the run at once with one
/// line in the server's words and the likely fix, exit 1, instead of storing an error for every prompt.
/// </summary>
public class FailFastTests
{
    private const int Prompts = 2000;

    /// <summary>A port nothing listens on: bound, then released.</summary>
    internal static string DeadUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/v1";
    }

    internal static long StoredResponses(string run)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(run, "run.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT count(*) FROM responses";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Exit 1 within 30 s, one line (no stack trace), nothing stored as an error.</summary>
    private static async Task<string> AssertStopsAsync(string baseUrl, params string[] expected)
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, Prompts);
        var run = dir.File("run");
        var clock = Stopwatch.StartNew();
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            baseUrl, "--out", run, "--judge", "refusal");
        clock.Stop();
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Out}{result.Error}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: target openai:m at ", line);
        foreach (var words in expected)
            Assert.Contains(words, line);
        Assert.DoesNotContain("Exception", line);
        Assert.DoesNotContain("--retry-errors", line);
        // The failures are not stored: fixing the cause and running again asks them.
        Assert.Equal(0, StoredResponses(run));
        return line;
    }

    [Fact]
    public Task ConnectionRefusedStops() =>
        AssertStopsAsync(DeadUrl(), "cannot be reached", "Connection refused", "check --base-url",
            "run the same command again");

    [Fact]
    public async Task UnauthorizedStopsWithTheServersMessage()
    {
        await using var server = new LoopbackChatServer(
            FaultToleranceTests.Refusal)
        { Fault = _ => ServerFault.Unauthorized };
        await AssertStopsAsync(server.BaseUrl, "refused the credentials", "HTTP 401",
            "Invalid token: the key was revoked", "OPENAI_API_KEY");
        Assert.InRange(server.Requests.Count, 1, 64);
    }

    [Fact]
    public async Task UnknownModelStopsWithTheServersMessage()
    {
        await using var server = new LoopbackChatServer(
            FaultToleranceTests.Refusal)
        { Fault = _ => ServerFault.UnknownModel };
        await AssertStopsAsync(server.BaseUrl, "HTTP 404", "The model `m` does not exist.",
            "check the model name in --target");
    }

    [Fact]
    public async Task AnHtmlPageStops()
    {
        await using var server = new LoopbackChatServer(
            FaultToleranceTests.Refusal)
        { Fault = _ => ServerFault.HtmlPage };
        await AssertStopsAsync(server.BaseUrl, "an HTML page titled 'Welcome to nginx!'", "OpenAI-compatible API");
    }

    [Fact]
    public async Task JsonThatIsNotAChatCompletionStops()
    {
        await using var server = new LoopbackChatServer(
            FaultToleranceTests.Refusal)
        { Fault = _ => ServerFault.NoChoices };
        var line = await AssertStopsAsync(server.BaseUrl, "no 'choices'", "this is a health endpoint");
        Assert.DoesNotContain("index", line);
    }

    [Fact]
    public async Task AJudgeServerThatRefusesTheKeyStopsNamingTheJudgesSettings()
    {
        await using var judge = new LoopbackChatServer(_ => "safe") { Fault = _ => ServerFault.Unauthorized };
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, Prompts);
        var run = dir.File("run");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:refuse", "--judge",
            "llamaguard:guard",
            "--judge-base-url", judge.BaseUrl, "--out", run);
        Assert.True(result.ExitCode == 1, result.Out + result.Error);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The judge as the user gave it, not the openai: client behind it.
        Assert.StartsWith($"error: judge llamaguard:guard at {judge.BaseUrl}", line);
        Assert.DoesNotContain("openai:", line);
        Assert.Contains("Invalid token: the key was revoked", line);
        Assert.Contains("ALERT_JUDGE_API_KEY", line);
        Assert.DoesNotContain("OPENAI_API_KEY", line);
        Assert.DoesNotContain("--base-url", line.Replace("--judge-base-url", "", StringComparison.Ordinal));
        // The answers are kept; no verdict was stored as an error, so running again judges them all.
        Assert.True(StoredResponses(run) > 0);
        using var db = new SqliteConnection($"Data Source={Path.Combine(run, "run.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT count(*) FROM verdicts";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task PersistentFaultsOnSomePromptsAreErrorsInTheServersWords()
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, 200);
        // The first requests fail too: their errors wait until the server has answered once, then are stored.
        await using var server = new LoopbackChatServer(FaultToleranceTests.Refusal)
        {
            Fault = r => (int.Parse(r.LastUserContent.Split(' ')[1],
                System.Globalization.CultureInfo.InvariantCulture) % 10) switch
            {
                0 => ServerFault.Unauthorized,
                5 => ServerFault.NoChoices,
                _ => ServerFault.None,
            },
        };
        var run = dir.File("run");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl, "--out", run, "--judge", "refusal");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var rows = FaultToleranceTests.Results(run);
        Assert.Equal(200, rows.Count);
        var errors = rows.Where(r => (string)r["verdict"]! == "error")
            .ToDictionary(r => (int)r["id"]!, r => (string)r["error"]!);
        Assert.Equal(40, errors.Count);
        Assert.All(errors.Where(e => e.Key % 10 == 0), e =>
            Assert.Contains("HTTP 401 Unauthorized: Invalid token: the key was revoked", e.Value));
        Assert.All(errors.Where(e => e.Key % 10 == 5), e => Assert.Contains("no 'choices'", e.Value));
        Assert.All(errors.Values, e => Assert.DoesNotContain("(: )", e));
        Assert.All(errors.Values, e => Assert.DoesNotContain("Parameter 'index'", e));
    }

    [Fact]
    public void TheHealthLineSaysWhenNoRequestSucceeded()
    {
        var health = new Alert.Reporting.RunHealth(
            12, null, null, null, null, null, new Dictionary<string, long> { ["connection"] = 36 }, 0, 0,
            new Dictionary<string, IReadOnlyList<(double, int)>>());
        var line = Alert.Cli.Commands.RunCommand.HealthLine(health);
        Assert.Contains("12 requests, no latency (no request succeeded)", line);
        Assert.DoesNotContain(" ms", line);
    }
}
