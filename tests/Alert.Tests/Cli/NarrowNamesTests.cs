using Alert.Benchmark.Hub;
using Alert.Cli;
using Alert.Tests.Infrastructure;
using Spectre.Console;

namespace Alert.Tests.Cli;

/// <summary>On an 80-column terminal a table shortens its prose, never a name a user copies: every dataset spec of
/// <c>alert datasets list</c> is printed whole.</summary>
public class NarrowNamesTests
{
    [Fact]
    public async Task DatasetSpecsAreNeverCutAtEightyColumns()
    {
        var stdout = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new FixedWidthTerminal(stdout, 80),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });

        Assert.Equal(0, await AlertCli.RunAsync(["datasets", "list"], console, errors, TimeProvider.System));

        var output = stdout.ToString();
        Assert.All(KnownDatasets.All, d => Assert.Contains(d.Spec, output));
    }
}
