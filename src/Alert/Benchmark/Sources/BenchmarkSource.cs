namespace Alert.Benchmark.Sources;

/// <summary>
/// Where a run's prompts come from: benchmark files, a Hugging Face Hub dataset, a released dataset known by name,
/// or a plugin's source. Declared in its own file with <see cref="Plugins.AlertPluginAttribute"/>;
/// <see cref="BenchmarkSources"/> picks the first (in order) that accepts a <c>--benchmark</c> value.
/// </summary>
/// <param name="Name">The source's name.</param>
/// <param name="Usage">The forms it accepts, for help.</param>
/// <param name="Description">One sentence for help.</param>
/// <param name="Accepts">Whether a <c>--benchmark</c> value is this source's.</param>
/// <param name="Load">Loads the prompts of the values given (all of them accepted by this source).</param>
public sealed record BenchmarkSource(string Name, string Usage, string Description, Func<string, bool> Accepts,
    BenchmarkSourceLoader Load) : Plugins.IPluginDescriptor;
