using System.Globalization;
using Alert.Taxonomy;

namespace Alert.Benchmark;

/// <summary>
/// The prompts of a run: one or more benchmark files (or the built-in benchmark), with a content hash
/// so a resumed run can tell it is looking at the same prompts.
/// </summary>
public sealed record BenchmarkSet(string Name, string Sha256, IReadOnlyList<KeyedPrompt> Prompts)
{
    /// <summary>
    /// How the files were built, when an <c>alert build</c> manifest sits beside them: generator versions, seed,
    /// attacks and the hash of every data file (compact JSON), recorded in each run's manifest.
    /// </summary>
    public string? Provenance { get; init; }

    /// <summary>
    /// Set by <see cref="Take"/> when the limit is above the set's size: one line saying that the set has fewer
    /// prompts and that all of them are run (a limit that large is not an error, but it should not pass silently).
    /// </summary>
    public string? LimitNote { get; init; }

    /// <summary>The benchmark shipped with the tool (built from its data files), used when no <c>--benchmark</c> is
    /// given.</summary>
    /// <param name="includeBenign">Also the benign look-alikes (<c>alert_benign.jsonl</c>), for the over-refusal
    /// view.</param>
    public static async Task<BenchmarkSet> LoadBuiltInAsync(
        bool includeBenign = false, CancellationToken cancellationToken = default)
    {
        var directory = await Generation.BuiltInBenchmark.EnsureAsync(cancellationToken).ConfigureAwait(false);
        List<string> files = [Path.Combine(directory, Generation.BenchmarkBuilder.BaseFile),
            Path.Combine(directory, Generation.BenchmarkBuilder.AdversarialFile)];
        if (includeBenign)
            files.Add(Path.Combine(directory, Generation.BenchmarkBuilder.BenignFile));
        var set = await LoadAsync(files, cancellationToken).ConfigureAwait(false);
        return set with { Name = Generation.BuiltInBenchmark.Name + (includeBenign ? " + benign" : "") };
    }

    /// <summary>Loads and validates <paramref name="paths"/>; ids must be unique within each file.</summary>
    public static Task<BenchmarkSet> LoadAsync(
        IReadOnlyList<string> paths, CancellationToken cancellationToken = default) =>
        LoadAsync(paths, HeldPrompts, cancellationToken);

    /// <summary>Sets larger than this are read from their files on each pass instead of held in memory.</summary>
    internal const int HeldPrompts = 100_000;

    /// <summary>As <see cref="LoadAsync(IReadOnlyList{string}, CancellationToken)"/>, holding at most
    /// <paramref name="held"/> prompts in memory (a larger set is read from its files on each pass).</summary>
    internal static async Task<BenchmarkSet> LoadAsync(
        IReadOnlyList<string> paths, int held, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
            throw new AlertException("no benchmark files given");
        // A set too large to hold is known from its line count before parsing: holding its first prompts until the
        // count passes the limit would make the largest runs' peak (about 100 MB at 100,000 prompts).
        long lines = 0;
        foreach (var path in paths)
            lines += File.Exists(path) ? await CountLinesAsync(path, cancellationToken).ConfigureAwait(false) : 0;
        List<KeyedPrompt>? prompts = lines > held ? null : [];
        var count = 0;
        var hashes = new List<string>();
        var stems = new List<string?>();
        var seenStems = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            var stem = Path.GetFileNameWithoutExtension(path);
            if (!seenStems.Add(stem))
                stem = $"{stem}.{i}";
            stems.Add(paths.Count == 1 ? null : stem);
            var before = count;
            await foreach (var p in BenchmarkFile.ReadAsync(path, AlertTaxonomy.Default, cancellationToken)
                .ConfigureAwait(false))
            {
                prompts?.Add(new KeyedPrompt(KeyedPrompt.KeyOf(p, stems[i]), p, count));
                count++;
                if (count > held)
                    prompts = null;
            }
            // An empty file is a mistake (a failed download, the wrong file), never a run of nothing.
            if (count == before)
                throw new AlertException(
                    $"{path}: no prompts in the benchmark file (expected one JSON object per line with 'prompt' and " +
                    $"'category')");
            hashes.Add(await Alert.Common.Sha256.FileHexAsync(path, cancellationToken).ConfigureAwait(false));
        }
        var name = string.Join(",", paths.Select(Path.GetFileName));
        var sha = hashes.Count == 1 ? hashes[0] : Alert.Common.Sha256.Hex(string.Join("\n", hashes));
        IReadOnlyList<KeyedPrompt> all = prompts is null ? new FilePromptList([.. paths], stems, count) : prompts;
        return new BenchmarkSet(name, sha, all)
        {
            Provenance = ReadProvenance(
            Path.GetDirectoryName(Path.GetFullPath(paths[0]))!)
        };
    }

    /// <summary>Line breaks in a file (at least its rows, less one), counted without decoding it.</summary>
    private static async Task<long> CountLinesAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1,
            FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        return lines;
    }

    private static string? ReadProvenance(string directory)
    {
        var path = Path.Combine(directory, Generation.BenchmarkBuilder.ManifestFile);
        try
        {
            if (!File.Exists(path) || System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))
                is not System.Text.Json.Nodes.JsonObject manifest || manifest["generator"] is null)
                return null;
            var provenance = new System.Text.Json.Nodes.JsonObject();
            foreach (var key in new[] { "generator", "base_generator", "taxonomy_version", "seed", "per_attack",
                "data_files", "corpus" })
            {
                if (manifest[key] is { } value)
                    provenance[key] = value.DeepClone();
            }
            if (manifest["attacks"] is System.Text.Json.Nodes.JsonArray attacks)
                provenance["attacks"] = new System.Text.Json.Nodes.JsonArray(
                    attacks.Select(a => (System.Text.Json.Nodes.JsonNode?)(string?)a?["name"]).ToArray());
            return provenance.ToJsonString();
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return null; // provenance is a courtesy; an unreadable manifest does not stop a run
        }
    }

    /// <summary>The first <paramref name="perCategory"/> plain (not adversarial, not benign) prompts of each category:
    /// goals for adaptive attacks.</summary>
    public BenchmarkSet BasePerCategory(int perCategory)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var picked = Prompts.Where(p => !p.Prompt.IsBenign && p.Prompt.AttackKey == "none"
            && (counts[p.Prompt.Category] = counts.GetValueOrDefault(p.Prompt.Category) + 1) <= perCategory).ToArray();
        return this with { Name = $"{Name} (plain, {perCategory} per category)", Prompts = picked };
    }

    /// <summary>
    /// A deterministic sample of at most <paramref name="limit"/> prompts that takes the categories, and within
    /// them plain, each attack type and benign look-alikes, in turn: a small smoke run still touches everything.
    /// </summary>
    public BenchmarkSet Take(int limit)
    {
        if (limit > Prompts.Count)
        {
            var (given, size) = (limit.ToString(CultureInfo.InvariantCulture),
                Prompts.Count.ToString(CultureInfo.InvariantCulture));
            return this with
            {
                LimitNote = $"--limit {given} is above the benchmark's size: it has only {size} prompts, so all " +
                    $"{size} are run"
            };
        }
        if (limit == Prompts.Count)
            return this;
        // Two passes that hold only the picks: a set read from its files is never materialised to sample it.
        var sample = BenchmarkSample.Take(Prompts, limit);
        return this with { Name = $"{Name} (limit {limit})", Prompts = sample };
    }

    /// <summary>
    /// Shard <paramref name="index"/> (1-based) of <paramref name="count"/>: the prompts whose key hashes
    /// to it (FNV-1a), so N machines split a run deterministically without coordinating.
    /// </summary>
    public BenchmarkSet Shard(int index, int count)
    {
        if (count < 1 || index < 1 || index > count)
            throw new AlertException($"bad shard {index}/{count}: expected I/N with 1 <= I <= N");
        if (count == 1)
            return this;
        return this with { Prompts = Prompts.Where(p => ShardOf(p.Key, count) == index).ToArray() };
    }

    /// <summary>The shard (0 to <paramref name="count"/> - 1) a prompt id falls in (FNV-1a of the id), the same on
    /// every machine.</summary>
    public static int ShardOf(string key, int count)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(key))
            hash = (hash ^ b) * 1099511628211UL;
        return (int)(hash % (ulong)count) + 1;
    }
}
