using System.Globalization;
using Alert.Benchmark.Hub;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert datasets get SPEC</c>: a dataset into the Hugging Face cache; prints commit and paths.</summary>
public sealed class DatasetsGetCommand(CliEnvironment env) : AsyncCommand<DatasetsGetSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, DatasetsGetSettings settings, CancellationToken cancellationToken)
    {
        var spec = HubDatasetSpec.IsHubSpec(settings.Spec) ? HubDatasetSpec.Parse(settings.Spec)
            : KnownDatasets.IsKnown(settings.Spec) ? KnownDatasets.ToHubSpec(settings.Spec)
            : throw new AlertException($"unknown dataset '{settings.Spec}': give {HubDatasetSpec.Usage} "
                + "or a name from 'alert datasets list'");
        var fetcher = new HubDatasetFetcher(HubSettings.FromEnvironment(env.Variable));
        var snapshot = await fetcher.FetchAsync(spec, cancellationToken);
        env.Messages(settings).WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{snapshot.Spec} at commit {snapshot.Commit}{(snapshot.FromCache ? " (from the cache)" : "")}"));
        var table = new OutputTable("files", null, "File", "Bytes", "SHA-256", "Path");
        foreach (var file in snapshot.Files)
            table.Add(file.Path, file.Bytes, file.Sha256, file.LocalPath);
        env.Write(settings, table);
        return AlertCli.ExitOk;
    }
}
