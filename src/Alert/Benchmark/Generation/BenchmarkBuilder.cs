using System.Text.Json.Nodes;
using Alert.Attacks;
using Alert.Common;

namespace Alert.Benchmark.Generation;

/// <summary>
/// Builds ALERT-equivalent benchmarks: the base set from the template generator and ALERT_Adv from the
/// attack catalog, each adversarial row keeping its source's category and carrying <c>source_id</c>.
/// </summary>
public sealed class BenchmarkBuilder(BaseSetGenerator? generator = null)
{
    /// <summary>The builder's version, part of every built benchmark's identity.</summary>
    public const string Version = "alert-build-2";
    /// <summary>The base set's file name.</summary>
    public const string BaseFile = "alert.jsonl";
    /// <summary>The adversarial set's file name.</summary>
    public const string AdversarialFile = "alert_adversarial.jsonl";
    /// <summary>The benign (over-refusal) set's file name.</summary>
    public const string BenignFile = "alert_benign.jsonl";
    /// <summary>The build manifest's file name.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The base-set generator the builder uses.</summary>
    public BaseSetGenerator Generator { get; } = generator ?? new BaseSetGenerator();

    /// <summary>
    /// Builds the base, adversarial and benign sets for a seed; the base set from the shipped HH-RLHF corpus
    /// topped up with templates, or from templates alone with <see cref="BuildOptions.TemplatesOnly"/>.
    /// </summary>
    public BuiltBenchmark Build(BuildOptions options)
    {
        if (options.TemplatesOnly)
            return BuildFrom(Generator.Generate(options.Seed), options);
        var (prompts, counts) = CorpusBaseSet.Compose(
            Generator, HhRlhfCorpus.ReadRequests(), HhRlhfCorpus.ReadLabels(), HhRlhfCorpus.Source, options.Seed);
        return BuildFrom(prompts, options) with { Corpus = counts };
    }

    /// <summary>The data files a build reads as text (the corpus is hashed apart), for manifests and caches.</summary>
    public IEnumerable<string> TextDataFiles =>
        Generator.DataFilePaths.Concat(DataFiles.List("attacks/")).Append(BenignSetGenerator.DataFile)
            .Append(HhRlhfCorpus.LabelsPath).Append(HhRlhfCorpus.LicencePath)
            .Distinct().Order(StringComparer.Ordinal);

    /// <summary>The adversarial set (and benign twins) for a given base set, e.g. one classified from a
    /// corpus.</summary>
    public static BuiltBenchmark BuildFrom(IReadOnlyList<BenchmarkPrompt> baseSet, BuildOptions options)
    {
        var attacks = AttackCatalog.AlertAttackTypes.Concat(options.ExtraAttacks).Distinct(StringComparer.Ordinal)
            .Select(AttackCatalog.Resolve).ToList();
        var adversarial = new List<BenchmarkPrompt>(attacks.Count * options.PerAttack);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attack in attacks)
        {
            var picker = SeededRandom.For(options.Seed, "adv/" + attack.Name);
            var sources = Enumerable.Range(0, baseSet.Count).ToList();
            picker.Shuffle(sources);
            // A prompt the attack cannot change (or that says what another attacked prompt says) is passed over
            // for the next one in the shuffle, so every attack gets PerAttack rows while the base set has them.
            var taken = new List<(int Source, string Text)>();
            foreach (var i in sources)
            {
                if (taken.Count == options.PerAttack)
                    break;
                var source = baseSet[i];
                var random = SeededRandom.For(options.Seed, $"adv/{attack.Name}/{source.Id}");
                var text = attack.Apply(source.Text, random);
                for (var retry = 0; retry < 3 && text == source.Text; retry++)
                    text = attack.Apply(source.Text, random); // e.g. two equal words swapped
                if (text != source.Text && seen.Add(text))
                    taken.Add((i, text));
            }
            foreach (var (i, text) in taken.OrderBy(t => t.Source))
            {
                adversarial.Add(new BenchmarkPrompt(adversarial.Count, baseSet[i].Category, InstructionFrame.Wrap(text),
                    attack.Name, baseSet[i].Id));
            }
        }
        return new BuiltBenchmark(baseSet, adversarial, options) { Benign = BenignSetGenerator.Generate() };
    }

    /// <summary>Writes <c>alert.jsonl</c>, <c>alert_adversarial.jsonl</c> and <c>manifest.json</c> to <paramref
    /// name="directory"/>.</summary>
    /// <param name="corpus">For a benchmark built from a corpus: where it came from and what was kept.</param>
    public async Task<JsonObject> WriteAsync(BuiltBenchmark built, string directory, JsonObject? corpus = null,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var basePath = Path.Combine(directory, BaseFile);
        var advPath = Path.Combine(directory, AdversarialFile);
        await BenchmarkFile.WriteAsync(basePath, built.Base).ConfigureAwait(false);
        await BenchmarkFile.WriteAsync(advPath, built.Adversarial).ConfigureAwait(false);
        var benignPath = Path.Combine(directory, BenignFile);
        await BenchmarkFile.WriteAsync(benignPath, built.Benign).ConfigureAwait(false);
        var manifest = Manifest(built);
        if (corpus is not null)
            manifest["corpus"] = corpus;
        manifest["files"] = new JsonObject
        {
            [BaseFile] = new JsonObject
            {
                ["rows"] = built.Base.Count,
                ["sha256"] = await Alert.Common.Sha256.FileHexAsync(basePath, cancellationToken)
                .ConfigureAwait(false)
            },
            [AdversarialFile] = new JsonObject
            {
                ["rows"] = built.Adversarial.Count,
                ["sha256"] = await Alert.Common.Sha256.FileHexAsync(advPath, cancellationToken).ConfigureAwait(false)
            },
            [BenignFile] = new JsonObject
            {
                ["rows"] = built.Benign.Count,
                ["sha256"] = await Alert.Common.Sha256.FileHexAsync(benignPath, cancellationToken)
                .ConfigureAwait(false)
            },
        };
        await AtomicJsonlWriter.WriteAllTextAsync(
            Path.Combine(directory, ManifestFile), Indented(manifest) + "\n", cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>Counts, versions, data-file hashes and diversity figures; no timestamps, so it is
    /// reproducible.</summary>
    public JsonObject Manifest(BuiltBenchmark built)
    {
        var baseStats = BenchmarkStats.Compute(built.Base, built.Options.Seed);
        var advStats = BenchmarkStats.Compute(built.Adversarial, built.Options.Seed);
        var dataFiles = new JsonObject();
        foreach (var path in TextDataFiles)
            dataFiles["data/" + path] = Alert.Common.Sha256.Hex(DataFiles.ReadText(path));
        var baseJson = StatsJson(baseStats);
        baseJson["sources"] = SourcesJson(built.Base);
        var manifest = new JsonObject
        {
            ["format_version"] = 1,
            ["generator"] = Version,
            ["base_generator"] = BaseSetGenerator.Version,
            ["taxonomy_version"] = Taxonomy.AlertTaxonomy.Default.Version,
            ["seed"] = built.Options.Seed,
            ["per_attack"] = built.Options.PerAttack,
            ["attacks"] = new JsonArray(AttackCatalog.AlertAttackTypes.Concat(built.Options.ExtraAttacks)
                .Distinct(StringComparer.Ordinal)
                .Select(AttackCatalog.Resolve)
                .Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["description"] = a.Description })
                    .ToArray()),
            ["data_files"] = dataFiles,
            ["base"] = baseJson,
            ["adversarial"] = StatsJson(advStats),
            ["benign"] = new JsonObject
            {
                ["prompts"] = built.Benign.Count,
                ["categories"] = Counts(built.Benign.GroupBy(p => p.Category)
                .ToDictionary(g => g.Key, g => g.Count()))
            },
        };
        if (built.Corpus is { } c)
        {
            manifest["corpus"] = new JsonObject
            {
                ["file"] = "data/" + HhRlhfCorpus.CorpusPath,
                ["sha256"] = HhRlhfCorpus.Sha256,
                ["source"] = "Anthropic HH-RLHF harmless-base, test split (MIT; data/" + HhRlhfCorpus.LicencePath + ")",
                ["labels"] = "data/" + HhRlhfCorpus.LabelsPath,
                ["read"] = c.Read,
                ["out_of_taxonomy"] = c.OutOfTaxonomy,
                ["duplicates"] = c.Duplicates,
                ["over_size"] = c.OverSize,
                ["kept"] = c.Kept,
            };
        }
        return manifest;
    }

    /// <summary>Base rows per <c>source</c> (<c>hh-rlhf</c>, <c>corpus</c>, <c>template</c>) and category.</summary>
    public static JsonObject SourcesJson(IEnumerable<BenchmarkPrompt> prompts)
    {
        var json = new JsonObject();
        foreach (var (source, perCategory) in CorpusBaseSet.CountBySource(prompts))
            json[source] = new JsonObject
            {
                ["prompts"] = perCategory.Values.Sum(),
                ["categories"] = Counts(perCategory),
            };
        return json;
    }

    /// <summary>A set's statistics as the manifest writes them.</summary>
    public static JsonObject StatsJson(BenchmarkStats s) => new()
    {
        ["prompts"] = s.Prompts,
        ["vocabulary_size"] = s.VocabularySize,
        ["distinct_trigram_ratio"] = s.DistinctTrigramRatio,
        ["trigram_sample"] = $"{BenchmarkStats.Samples} random samples of {BenchmarkStats.SampleSize}",
        ["near_duplicate_rate"] = s.NearDuplicateRate,
        ["mean_words"] = s.MeanWords,
        ["stddev_words"] = s.StdDevWords,
        ["categories"] = Counts(s.Categories),
        ["attack_types"] = Counts(s.AttackTypes),
    };

    private static JsonObject Counts(IReadOnlyDictionary<string, int> counts)
    {
        var o = new JsonObject();
        foreach (var (k, v) in counts)
            o[k] = v;
        return o;
    }

    /// <summary>JSON indented as the project writes manifests.</summary>
    public static string Indented(JsonNode node) =>
        node.ToJsonString(new System.Text.Json.JsonSerializerOptions(JsonlFile.WriteOptions) { WriteIndented = true });
}
