using Alert.Cli.Infrastructure;
using Alert.Common;
using Alert.Labels;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert labels export</c>: every labeller's current label as JSON Lines.</summary>
public sealed class LabelsExportCommand(CliEnvironment env) : AsyncCommand<LabelsExportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LabelsExportSettings settings,
        CancellationToken cancellationToken)
    {
        var rows = await LabelExport.RowsAsync(settings.RunDirectory, settings.Labels, cancellationToken);
        if (settings.Out is null)
        {
            foreach (var row in rows)
                env.Out.Profile.Out.Writer.WriteLine(row.ToJsonString(JsonlFile.WriteOptions));
            return AlertCli.ExitOk;
        }
        await LabelExport.WriteAsync(rows, settings.Out);
        var stale = rows.Count(r => r["valid"]?.GetValue<bool>() == false);
        env.Error.WriteLine($"exported {rows.Count} labels ({stale} on changed answers) to {settings.Out}");
        return AlertCli.ExitOk;
    }
}
