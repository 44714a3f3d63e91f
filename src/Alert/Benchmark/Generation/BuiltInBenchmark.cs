namespace Alert.Benchmark.Generation;

/// <summary>
/// The built-in benchmark: <c>alert build</c> with the default seed, built once and cached in the user's
/// cache directory (<see cref="Common.UserCache.Directory"/>),
/// keyed by the generator version, the library build and a hash of every data file, so a changed data file
/// or generator rebuilds it.
/// </summary>
public static class BuiltInBenchmark
{
    /// <summary>The built-in benchmark's name in run identities.</summary>
    public static string Name => $"builtin:alert (seed {BuildOptions.DefaultSeed}, {BenchmarkBuilder.Version})";


    /// <summary>The directory holding the built-in benchmark files, building them if needed.</summary>
    public static async Task<string> EnsureAsync(CancellationToken cancellationToken = default)
    {
        var builder = new BenchmarkBuilder();
        var key = Alert.Common.Sha256.Hex(string.Join("\n",
            // The generator's code is part of the key too: a fix that keeps the version must not serve old files.
            new[] { BenchmarkBuilder.Version, BaseSetGenerator.Version,
                BuildOptions.DefaultSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                typeof(BaseSetGenerator).Assembly.ManifestModule.ModuleVersionId.ToString() }
                .Append(HhRlhfCorpus.CorpusPath + ":" + HhRlhfCorpus.Sha256)
                .Concat(builder.TextDataFiles
                    .Select(p => p + ":" + Alert.Common.Sha256.Hex(DataFiles.ReadText(p))))))[..16];
        var directory = Path.Combine(Common.UserCache.Directory, "builtin", key);
        if (File.Exists(Path.Combine(directory, BenchmarkBuilder.ManifestFile)))
            return directory;
        // Build beside the final place and move it in whole, so readers never see a partial build.
        var staging = directory + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await builder.WriteAsync(builder.Build(new BuildOptions()), staging, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        try
        {
            Directory.Move(staging, directory);
        }
        catch (IOException) when (File.Exists(Path.Combine(directory, BenchmarkBuilder.ManifestFile)))
        {
            Directory.Delete(staging, recursive: true); // another process won the race
        }
        return directory;
    }
}
