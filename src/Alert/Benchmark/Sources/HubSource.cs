using Alert.Benchmark.Hub;
using Alert.Plugins;

namespace Alert.Benchmark.Sources;

/// <summary><c>hf:OWNER/NAME[:CONFIG[:SPLIT]][@REVISION]</c>: a dataset on the Hugging Face Hub or a mirror.</summary>
internal static class HubSource
{
    [AlertPlugin(Order = 10)]
    public static BenchmarkSource Source { get; } = new("hf", HubDatasetSpec.Usage,
        "A dataset on the Hugging Face Hub (HF_TOKEN, HF_ENDPOINT, HF_HUB_OFFLINE; cached as huggingface_hub caches)",
        HubDatasetSpec.IsHubSpec,
        (specs, context, cancellationToken) => specs.Count == 1
            ? HubBenchmark.LoadAsync(HubDatasetSpec.Parse(specs[0]), context, cancellationToken)
            : throw new AlertException("--benchmark takes one Hub dataset at a time"));
}
