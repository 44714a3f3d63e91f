using System.Diagnostics;
using Alert.Cli;
using Spectre.Console;

namespace Alert.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the <c>alert</c> CLI in-process with captured, plain (non-terminal) output.</summary>
public static class CliHarness
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>The CLI with an environment of its own (<paramref name="variables"/> first, then the
    /// process's).</summary>
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? variables, params string[] args) =>
        RunCoreAsync(variables, null, args);

    /// <summary>The CLI reading <paramref name="stdin"/> as its standard input.</summary>
    public static Task<CliResult> RunWithInputAsync(string stdin, params string[] args) =>
        RunCoreAsync(null, stdin, args);

    private static async Task<CliResult> RunCoreAsync(
        IReadOnlyDictionary<string, string>? variables, string? stdin, string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AlertCli.RunAsync(args, Plain(stdout), Plain(stderr), TimeProvider.System, default,
            name => variables is not null && variables.TryGetValue(name, out var v) ? v
                : Environment.GetEnvironmentVariable(name), stdin is null ? null : new StringReader(stdin));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    private static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 80; // as a pipe with COLUMNS=80: nothing may be cut or wrapped
        return console;
    }

    /// <summary>The repository's root (where Alert.sln is), found from the test's output folder.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(dir.FullName, "Alert.sln")))
                dir = dir.Parent ?? throw new InvalidOperationException("repository root not found");
            return dir.FullName;
        }
    }

    /// <summary>The CLI as a separate process (for kill tests).</summary>
    public static ProcessStartInfo ProcessStart(params string[] args)
    {
        // The CLI's own output folder: the test folder's copy lacks what the ASP.NET framework supplies to tests.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var dll = Path.Combine(RepoRoot, "src", "Alert.Cli", "bin", testBin.Parent!.Name, testBin.Name,
            "Alert.Cli.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return psi;
    }
}

/// <summary>A temporary directory removed after the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "alert-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
