using System.Diagnostics;
using Alert.Attacks;
using Alert.Benchmark;
using Alert.Benchmark.Generation;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert build</c>: the ALERT benchmark (base + adversarial) from versioned data files.</summary>
public sealed class BuildCommand(CliEnvironment env) : AsyncCommand<BuildSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, BuildSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ListAttacks)
        {
            var table = new OutputTable("attacks", null, "Attack", "ALERT_Adv", "Description");
            foreach (var a in AttackCatalog.All)
                table.Add(a.Name, AttackCatalog.AlertAttackTypes.Contains(a.Name) ? "yes" : "", a.Description);
            env.Write(settings, table);
            return AlertCli.ExitOk;
        }
        if (settings.Stats is { } statsPath)
            return await PrintStatsAsync(settings, statsPath, cancellationToken);
        if (settings.Translate is not null && settings.Benchmark is { } input)
        {
            // Any benchmark file: translated into --out, nothing built.
            await BuildTranslation.RunAsync(env, settings, [input], cancellationToken);
            return AlertCli.ExitOk;
        }

        var extra = (settings.Attacks ?? "").Split(
            ',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var spec in extra)
            AttackCatalog.Resolve(spec); // fail before building
        var clock = Stopwatch.StartNew();
        var builder = new BenchmarkBuilder();
        var options = new BuildOptions
        {
            Seed = settings.Seed,
            PerAttack = settings.PerAttack,
            ExtraAttacks = extra,
            TemplatesOnly = settings.TemplatesOnly,
        };
        BuiltBenchmark built;
        System.Text.Json.Nodes.JsonObject? corpus = null;
        if (settings.From is { } from)
        {
            var rows = await Classification.PromptTable.ReadAsync(from, settings.TextField, cancellationToken);
            var classifier = Classification.ClassifierFactory.Create(
                settings.Classifier, env.ModelServer(settings.BaseUrl), apiKey: env.OpenAIKey);
            using var classifierResources = classifier as IDisposable;
            var (baseSet, report) = await Classification.CorpusBenchmark.BuildBaseAsync(
                rows.Select(r => r.Text).ToList(), classifier, settings.MinPerCategory, settings.Seed,
                cancellationToken);
            built = BenchmarkBuilder.BuildFrom(baseSet, options);
            corpus = await report.ToManifestAsync(from, classifier.Name, cancellationToken);
            env.Messages(settings).WriteLine(
                $"{from}: {report.Read} prompts, {report.OutOfTaxonomy} outside the taxonomy, {report.Duplicates} " +
                $"duplicates, {report.Kept} kept; {report.ToppedUp.Values.Sum()} template prompts added " +
                $"to {report.ToppedUp.Count} thin categories");
        }
        else
        {
            built = builder.Build(options);
            if (built.Corpus is { } c)
            {
                env.Messages(settings).WriteLine($"data/{HhRlhfCorpus.CorpusPath}: {c.Read} requests, " +
                    $"{c.OutOfTaxonomy} outside the taxonomy, {c.Duplicates} near-duplicates, {c.OverSize} over a " +
                    $"category's size, {c.Kept} kept; " +
                    $"{built.Base.Count - c.Kept} template prompts fill the categories");
            }
        }
        var manifest = await builder.WriteAsync(built, settings.Out!, corpus, cancellationToken);
        env.Messages(settings).WriteLine(
            $"built {built.Base.Count} base and {built.Adversarial.Count} adversarial prompts (seed {settings.Seed}) " +
            $"in {clock.Elapsed.TotalSeconds:0.0}s -> {settings.Out}");
        var stats = manifest["base"]!;
        env.Messages(settings).WriteLine(
            $"base set: vocabulary {stats["vocabulary_size"]}, distinct-trigram " +
            $"ratio {stats["distinct_trigram_ratio"]}, near-duplicate rate {stats["near_duplicate_rate"]}, " +
            $"words {stats["mean_words"]} ± {stats["stddev_words"]}");
        env.Messages(settings).WriteLine("adversarial: "
            + string.Join(", ", manifest["adversarial"]!["attack_types"]!.AsObject()
            .Select(kv => $"{kv.Key} {kv.Value}")));
        if (settings.Translate is not null)
        {
            string[] files = [BenchmarkBuilder.BaseFile, BenchmarkBuilder.AdversarialFile];
            await BuildTranslation.RunAsync(env, settings, [.. files.Select(f => Path.Combine(settings.Out!, f))],
                cancellationToken);
        }
        return AlertCli.ExitOk;
    }

    private async Task<int> PrintStatsAsync(BuildSettings settings, string path, CancellationToken cancellationToken)
    {
        var files = Directory.Exists(path)
            ? new[] { BenchmarkBuilder.BaseFile, BenchmarkBuilder.AdversarialFile }.Select(f => Path.Combine(path, f))
                .Where(File.Exists).ToArray()
            : [path];
        if (files.Length == 0)
            throw new AlertException(
                $"{path}: no {BenchmarkBuilder.BaseFile} or {BenchmarkBuilder.AdversarialFile} here");
        var table = new OutputTable("stats", null, "File", "Figure", "Value");
        foreach (var file in files)
        {
            var prompts = new List<BenchmarkPrompt>();
            await foreach (var p in BenchmarkFile.ReadAsync(file, null, cancellationToken))
                prompts.Add(p);
            AddFigures(table, file, "", BenchmarkBuilder.StatsJson(BenchmarkStats.Compute(prompts)));
        }
        env.Write(settings, table);
        return AlertCli.ExitOk;
    }

    /// <summary>One row per figure of the stats JSON, nested keys joined by dots.</summary>
    private static void AddFigures(OutputTable table, string file, string prefix, System.Text.Json.Nodes.JsonNode? node)
    {
        if (node is System.Text.Json.Nodes.JsonObject o)
        {
            foreach (var (key, value) in o)
                AddFigures(table, file, prefix.Length == 0 ? key : prefix + "." + key, value);
        }
        else
        {
            table.Add(file, prefix, new OutputCell(
                node?.ToJsonString() ?? "null", node?.DeepClone() ?? OutputCell.JsonNull));
        }
    }
}
