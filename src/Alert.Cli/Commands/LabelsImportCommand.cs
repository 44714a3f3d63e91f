using Alert.Cli.Infrastructure;
using Alert.Labels;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert labels import</c>: people's labels from a JSON Lines file into the run's label store.</summary>
public sealed class LabelsImportCommand(CliEnvironment env) : AsyncCommand<LabelsImportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LabelsImportSettings settings,
        CancellationToken cancellationToken)
    {
        var result = await LabelImport.ImportAsync(settings.RunDirectory, settings.File, settings.Labels,
            settings.Audit, settings.Labeller, env.Time.GetUtcNow(), cancellationToken);
        var audit = result.Audit > 0 ? $" ({result.Audit} in the audit sample)" : " (not an audit sample)";
        env.Messages(settings).WriteLine($"imported {result.Imported} labels{audit} into {result.LabelFile}");
        if (result.Stale > 0)
            env.Error.WriteLine($"warning: {result.Stale} labels were given on answers that have changed since; "
                + "they count for nothing");
        return AlertCli.ExitOk;
    }
}
