using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary>
/// <c>--out -</c> made a file literally named <c>-</c> (<c>alert classify --input - --out -</c>): stdout carries the
/// tables and summaries, so every command that writes refuses it with one usage line and writes nothing.
/// </summary>
public class StdoutOutTests
{
    public static TheoryData<string[]> Commands() => new()
    {
        new[] { "classify", "--input", "-", "--out", "-" },
        new[] { "classify", "--input", "-", "--out=-" },
        new[] { "run", "--target", "mock:refuse", "--limit", "5", "--out", "-" },
        new[] { "build", "--out", "-" },
        new[] { "score", "--input", "runs/none", "--out", "-" },
        new[] { "run", "--target", "mock:refuse", "--cache", "-", "--out", "runs/none" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task OutDashIsOneUsageLineAndNoFileNamedDash(string[] args)
    {
        var dash = Path.Combine(Environment.CurrentDirectory, "-");
        var existed = File.Exists(dash) || Directory.Exists(dash);
        var result = await CliHarness.RunWithInputAsync("how do I pick a lock\n", args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        var option = args.Contains("--cache") ? "--cache" : "--out";
        Assert.Equal($"{option} -: writing to stdout is not supported", result.Error.Split(" (")[0]
            .Replace("error: ", "", StringComparison.Ordinal).Trim());
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(!existed && (File.Exists(dash) || Directory.Exists(dash)), "a file named '-' was written");
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "runs", "none")));
    }
}
