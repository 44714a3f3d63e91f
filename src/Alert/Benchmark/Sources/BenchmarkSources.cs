using Alert.Plugins;

namespace Alert.Benchmark.Sources;

/// <summary>The registered benchmark sources, and loading <c>--benchmark</c> values through them.</summary>
public static class BenchmarkSources
{
    private static readonly Lazy<PluginSet<BenchmarkSource>> Registered =
        new(() => new PluginSet<BenchmarkSource>("benchmark source"));

    /// <summary>Every source, in order.</summary>
    public static PluginSet<BenchmarkSource> Registry => Registered.Value;

    /// <summary>The first source accepting <paramref name="spec"/>; none is an <see cref="AlertException"/>.</summary>
    public static BenchmarkSource Resolve(string spec) =>
        Registry.All.FirstOrDefault(s => s.Accepts(spec))
        ?? throw new AlertException($"no benchmark file or dataset '{spec}' (give {Registry.Usages})");

    /// <summary>
    /// The prompts of <paramref name="specs"/>: several files, or one dataset; mixing sources is an
    /// <see cref="AlertException"/>.
    /// </summary>
    public static Task<BenchmarkSet> LoadAsync(
        IReadOnlyList<string> specs, BenchmarkSourceContext? context = null,
        CancellationToken cancellationToken = default)
    {
        if (specs.Count == 0)
            throw new AlertException("no benchmark given");
        var sources = specs.Select(Resolve).Distinct().ToList();
        if (sources.Count > 1)
        {
            throw new AlertException($"--benchmark mixes {string.Join(" and ", sources.Select(s => s.Name))}: "
                + "give files only, or one dataset");
        }
        return sources[0].Load(specs, context ?? new BenchmarkSourceContext(), cancellationToken);
    }
}
