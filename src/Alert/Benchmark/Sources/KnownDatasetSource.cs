using Alert.Benchmark.Hub;
using Alert.Plugins;

namespace Alert.Benchmark.Sources;

/// <summary>
/// <c>NAME[@REVISION]</c>: a released dataset of the ALERT family by name (<c>alert</c>, <c>alert_adversarial</c>,
/// <c>m-alert</c>, ...), fetched from the Hub.
/// </summary>
internal static class KnownDatasetSource
{
    [AlertPlugin(Order = 30)]
    public static BenchmarkSource Source { get; } = new("known", "NAME[@REVISION] (alert datasets list)",
        "A released ALERT dataset by name: " + string.Join(", ", KnownDatasets.All.Select(d => d.Name)),
        KnownDatasets.IsKnown,
        (specs, context, cancellationToken) => specs.Count == 1
            ? HubBenchmark.LoadAsync(KnownDatasets.ToHubSpec(specs[0]), context, cancellationToken)
            : throw new AlertException("--benchmark takes one dataset at a time"));
}
