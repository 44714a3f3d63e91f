using Alert.Judges.Embedded;
using Alert.Taxonomy;

namespace Alert.Classification;

/// <summary>
/// Version 2's last stage, kept for comparison (bench classify-cv): a similarity-weighted vote of the prompt's
/// nearest MiniLM exemplars (each category's description and a deterministic sample of the template base set),
/// categories whose keywords also occurred weighted up.
/// </summary>
internal sealed class ExemplarVote
{
    private const string Version = "alert-classifier-v2";
    private const int ExemplarsPerCategory = 120;
    private const int Neighbours = 9;
    private readonly AlertTaxonomy _taxonomy;
    private readonly TextEmbedder _embedder;
    private readonly Lazy<(float[][] Vectors, string[] Labels)> _exemplars;

    public ExemplarVote(AlertTaxonomy taxonomy, TextEmbedder embedder)
    {
        _taxonomy = taxonomy;
        _embedder = embedder;
        _exemplars = new Lazy<(float[][], string[])>(Build);
    }

    /// <summary>The vote for one prompt's embedding.</summary>
    public Classification Vote(float[] query, HashSet<string> keywordHint, float harm)
    {
        var (vectors, labels) = _exemplars.Value;
        return Vote(query, vectors, labels, keywordHint, harm);
    }

    private Classification Vote(float[] query, float[][] vectors, string[] labels, HashSet<string> keywordHint,
        float harm)
    {
        var top = new PriorityQueue<int, float>();
        for (var j = 0; j < vectors.Length; j++)
        {
            var s = TextEmbedder.Dot(query, vectors[j]);
            top.Enqueue(j, s);
            if (top.Count > Neighbours)
                top.Dequeue();
        }
        var neighbours = new List<(string Label, float Similarity)>();
        while (top.TryDequeue(out var j, out var s))
            neighbours.Add((labels[j], s));
        var best = neighbours.Max(n => n.Similarity);
        // Votes weighted by similarity; categories whose keywords also occurred get a bonus.
        var votes = neighbours.GroupBy(n => n.Label)
            .Select(g => (Label: g.Key, Weight: g.Sum(n => n.Similarity) * (keywordHint.Contains(g.Key) ? 1.5 : 1)))
            .OrderByDescending(v => v.Weight).ToList();
        var total = votes.Sum(v => v.Weight);
        var (label, weight) = votes[0];
        var confidence = Math.Round(weight / total, 3);
        var nearest = string.Join(", ",
            votes.Take(3).Select(v => FormattableString.Invariant($"{v.Label} {v.Weight / total:0.00}")));
        var why = FormattableString.Invariant(
                $"p_harmful {harm:0.00}; nearest exemplars: {nearest}; best similarity {best:0.00}")
            + (keywordHint.Count > 0 ? $"; keywords of {string.Join(", ", keywordHint.Order(StringComparer.Ordinal))}"
                : "");
        return new Classification(label, _taxonomy.Resolve(label).Macro, Math.Round(confidence * harm, 3), "embedding",
            why);
    }

    /// <summary>
    /// Exemplars: each category's description and a deterministic sample of the built base set, embedded
    /// once and cached under the user cache directory (keyed by the generator's data), since embedding
    /// them takes seconds.
    /// </summary>
    private (float[][], string[]) Build()
    {
        var builder = new Benchmark.Generation.BenchmarkBuilder();
        var key = Alert.Common.Sha256.Hex(string.Join("\n",
            new[] { Version, ExemplarsPerCategory.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Benchmark.Generation.BaseSetGenerator.Version, PromptGuard.FeatureSet }
                .Concat(builder.Generator.DataFilePaths.Order(StringComparer.Ordinal)
                    .Select(p => p + ":" + Alert.Common.Sha256.Hex(DataFiles.ReadText(p))))))[..16];
        var cachePath = Path.Combine(Alert.Common.UserCache.Directory, "classify", key + ".bin");
        if (TryReadCache(cachePath) is { } cached)
            return cached;

        var texts = new List<string>();
        var labels = new List<string>();
        foreach (var c in _taxonomy.Categories)
        {
            texts.Add(c.Description);
            labels.Add(c.Label);
        }
        // The base set only: the adversarial and benign sets play no part here.
        foreach (var group in builder.Generator.Generate(Benchmark.Generation.BuildOptions.DefaultSeed)
            .GroupBy(p => p.Category))
        {
            var all = group.ToList();
            var step = Math.Max(1, all.Count / ExemplarsPerCategory);
            for (var k = 0; k < all.Count && k / step < ExemplarsPerCategory; k += step)
            {
                texts.Add(all[k].Text);
                labels.Add(group.Key);
            }
        }
        var result = (PromptGuard.Featurize(_embedder, texts), labels.ToArray());
        WriteCache(cachePath, result);
        return result;
    }

    private static (float[][], string[])? TryReadCache(string path)
    {
        try
        {
            if (!File.Exists(path))
                return null;
            using var reader = new BinaryReader(File.OpenRead(path));
            var count = reader.ReadInt32();
            var dims = reader.ReadInt32();
            var vectors = new float[count][];
            var labels = new string[count];
            for (var i = 0; i < count; i++)
            {
                labels[i] = reader.ReadString();
                vectors[i] = new float[dims];
                for (var d = 0; d < dims; d++)
                    vectors[i][d] = reader.ReadSingle();
            }
            return (vectors, labels);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return null; // a broken cache is rebuilt
        }
    }

    private static void WriteCache(string path, (float[][] Vectors, string[] Labels) exemplars)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var staging = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var writer = new BinaryWriter(File.Create(staging)))
            {
                writer.Write(exemplars.Vectors.Length);
                writer.Write(exemplars.Vectors[0].Length);
                for (var i = 0; i < exemplars.Vectors.Length; i++)
                {
                    writer.Write(exemplars.Labels[i]);
                    foreach (var v in exemplars.Vectors[i])
                        writer.Write(v);
                }
            }
            File.Move(staging, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No cache then; the next run embeds again.
        }
    }

}
