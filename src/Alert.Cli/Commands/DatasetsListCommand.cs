using System.Globalization;
using Alert.Benchmark.Hub;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert datasets list</c>: the datasets known by name, and what the Hugging Face cache holds.</summary>
public sealed class DatasetsListCommand(CliEnvironment env) : Command<OutputSettings>
{
    public override int Execute(CommandContext context, OutputSettings settings, CancellationToken cancellationToken)
    {
        var fetcher = new HubDatasetFetcher(HubSettings.FromEnvironment(env.Variable));
        var cached = fetcher.Cached().ToDictionary(c => c.Repo, StringComparer.OrdinalIgnoreCase);
        var known = new OutputTable(
            "known", "Released datasets (--benchmark NAME)", "Name", "Dataset", "Cached", "About");
        foreach (var dataset in KnownDatasets.All)
            known.Add(dataset.Name, dataset.Spec, cached.ContainsKey(dataset.Repo) ? "yes" : "no", dataset.Description);
        var inCache = new OutputTable("cached", $"In the Hugging Face cache ({fetcher.CacheRoot})",
            "Dataset", "Revisions", "Snapshots", "MiB");
        foreach (var dataset in cached.Values.OrderBy(c => c.Repo, StringComparer.Ordinal))
        {
            var refs = string.Join(" ", dataset.Refs.Select(r => $"{r.Key}={r.Value[..Math.Min(12, r.Value.Length)]}"));
            var mib = (dataset.Bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
            inCache.Add("hf:" + dataset.Repo, refs, dataset.Snapshots.Count, mib);
        }
        env.Write(settings, known, inCache);
        return AlertCli.ExitOk;
    }
}
