using System.Runtime.InteropServices;
using Alert.Cli;
using Spectre.Console;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops cleanly (completed work is committed); a second one kills.
    if (!cts.IsCancellationRequested)
    {
        e.Cancel = true;
        cts.Cancel();
    }
};
// SIGTERM (kill, a container stopping) stops as the first Ctrl+C does: completed work is kept, servers close.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    if (!cts.IsCancellationRequested)
    {
        context.Cancel = true;
        cts.Cancel();
    }
});
var output = CreateConsole(Console.Out, Console.IsOutputRedirected);
var errors = CreateConsole(Console.Error, Console.IsErrorRedirected);
return await AlertCli.RunAsync(args, output, errors, TimeProvider.System, cts.Token);

// Width from the terminal, else COLUMNS; off a terminal AlertCli makes it unlimited (nothing is hard-wrapped).
static IAnsiConsole CreateConsole(TextWriter writer, bool redirected)
{
    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
    if (!redirected && TerminalWidth() <= 0 && int.TryParse(
        Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0)
        console.Profile.Width = columns;
    return console;
}

static int TerminalWidth()
{
    try
    {
        return Console.WindowWidth;
    }
    catch (IOException)
    {
        return 0;
    }
}
