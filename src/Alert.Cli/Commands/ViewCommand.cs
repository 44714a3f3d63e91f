using System.Diagnostics;
using Alert.Cli.Infrastructure;
using Alert.View;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert view</c>: serve the runs as a local web application until Ctrl+C.</summary>
public sealed class ViewCommand(CliEnvironment env) : AsyncCommand<ViewSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ViewSettings settings,
        CancellationToken cancellationToken)
    {
        var options = new ViewOptions(settings.Runs.Length > 0 ? settings.Runs : ["."])
        {
            Host = settings.Host,
            Port = settings.Port,
            LabelsFile = settings.Labels,
        };
        if (options.IsExposed)
        {
            env.Error.WriteLine($"warning: --host {settings.Host} exposes these results to the network; anyone who has "
                + "the address below (with its token) can read them", new Style(Color.Yellow));
        }
        await using var server = await ViewServer.StartAsync(options, cancellationToken);
        env.Out.WriteLine($"alert view: {server.RunCount} run(s) at {server.Url}");
        env.Out.WriteLine("The address carries an access token: share it only with people who may see these results. "
            + "Ctrl+C stops.");
        if (settings.Open)
            OpenBrowser(server.Url);
        await server.WaitAsync(cancellationToken);
        return AlertCli.ExitOk;
    }

    /// <summary>Opens the address with the desktop's handler; failing that, the printed address still works.</summary>
    private void OpenBrowser(Uri url)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true });
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            env.Error.WriteLine($"could not open a browser ({e.Message}): open the address yourself");
        }
    }
}
