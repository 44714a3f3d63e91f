using Alert.Cli.Output;
using System.ComponentModel;
using System.Diagnostics;
using Alert.Attacks;
using Alert.Benchmark;
using Alert.Benchmark.Generation;
using Alert.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class BuildSettings : OutputSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Where to write alert.jsonl, alert_adversarial.jsonl and manifest.json.")]
    public string? Out { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Generator seed; the same seed gives byte-identical files.")]
    [DefaultValue(BuildOptions.DefaultSeed)]
    public long Seed { get; init; } = BuildOptions.DefaultSeed;

    [CommandOption("--per-attack <N>")]
    [Description("Base prompts each attack is applied to.")]
    [DefaultValue(7600)]
    public int PerAttack { get; init; } = 7600;

    [CommandOption("--attacks <LIST>")]
    [Description("More attacks for the adversarial set, comma-separated; stack with '+' (e.g. base64,refusal_suppression+rot13).")]
    public string? Attacks { get; init; }

    [CommandOption("--list-attacks")]
    [Description("List the attacks and exit.")]
    public bool ListAttacks { get; init; }

    [CommandOption("--stats <DIR>")]
    [Description("Print statistics of an existing benchmark directory (or file) instead of building.")]
    public string? Stats { get; init; }

    [CommandOption("--from <FILE>")]
    [Description("Build from a raw red-team corpus (JSONL, CSV or transcripts): classify, drop out-of-taxonomy prompts and duplicates, top up thin categories with templates.")]
    public string? From { get; init; }

    [CommandOption("--text-field <NAME>")]
    [Description("With --from: the field or column holding the text.")]
    [DefaultValue("prompt")]
    public string TextField { get; init; } = "prompt";

    [CommandOption("--classifier <SPEC>")]
    [Description("With --from: 'alert' (in-process, default) or 'llm:MODEL' (with --base-url).")]
    [DefaultValue("alert")]
    public string Classifier { get; init; } = "alert";

    [CommandOption("--base-url <URL>")]
    [Description("With --from and an llm: classifier: its OpenAI-compatible server.")]
    public string? BaseUrl { get; init; }

    [CommandOption("--min-per-category <N>")]
    [Description("With --from: top up each category to at least N prompts from the template generator.")]
    [DefaultValue(100)]
    public int MinPerCategory { get; init; } = 100;

    public override ValidationResult Validate()
    {
        if (MinPerCategory < 0)
            return ValidationResult.Error("--min-per-category cannot be negative");
        if (!ListAttacks && Stats is null && string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required");
        if (PerAttack < 1)
            return ValidationResult.Error("--per-attack must be at least 1");
        return base.Validate();
    }
}

/// <summary><c>alert build</c>: the ALERT benchmark (base + adversarial) from versioned data files.</summary>
public sealed class BuildCommand(CliEnvironment env) : AsyncCommand<BuildSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BuildSettings settings, CancellationToken cancellationToken)
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

        var extra = (settings.Attacks ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var spec in extra)
            AttackCatalog.Resolve(spec); // fail before building
        var clock = Stopwatch.StartNew();
        var builder = new BenchmarkBuilder();
        var options = new BuildOptions { Seed = settings.Seed, PerAttack = settings.PerAttack, ExtraAttacks = extra };
        BuiltBenchmark built;
        System.Text.Json.Nodes.JsonObject? corpus = null;
        if (settings.From is { } from)
        {
            var rows = await Classification.PromptTable.ReadAsync(from, settings.TextField, cancellationToken);
            var classifier = Classification.ClassifierFactory.Create(settings.Classifier, env.ModelServer(settings.BaseUrl), apiKey: env.OpenAIKey);
            using var classifierResources = classifier as IDisposable;
            var (baseSet, report) = await Classification.CorpusBenchmark.BuildBaseAsync(rows.Select(r => r.Text).ToList(), classifier, settings.MinPerCategory, settings.Seed, cancellationToken);
            built = builder.BuildFrom(baseSet, options);
            corpus = await report.ToManifestAsync(from, classifier.Name, cancellationToken);
            env.Messages(settings).WriteLine($"{from}: {report.Read} prompts, {report.OutOfTaxonomy} outside the taxonomy, {report.Duplicates} duplicates, {report.Kept} kept; {report.ToppedUp.Values.Sum()} template prompts added to {report.ToppedUp.Count} thin categories");
        }
        else
        {
            built = builder.Build(options);
        }
        var manifest = await builder.WriteAsync(built, settings.Out!, cancellationToken, corpus);
        env.Messages(settings).WriteLine($"built {built.Base.Count} base and {built.Adversarial.Count} adversarial prompts (seed {settings.Seed}) in {clock.Elapsed.TotalSeconds:0.0}s -> {settings.Out}");
        var stats = manifest["base"]!;
        env.Messages(settings).WriteLine($"base set: vocabulary {stats["vocabulary_size"]}, distinct-trigram ratio {stats["distinct_trigram_ratio"]}, near-duplicate rate {stats["near_duplicate_rate"]}, words {stats["mean_words"]} ± {stats["stddev_words"]}");
        env.Messages(settings).WriteLine("adversarial: " + string.Join(", ", manifest["adversarial"]!["attack_types"]!.AsObject().Select(kv => $"{kv.Key} {kv.Value}")));
        return AlertCli.ExitOk;
    }

    private async Task<int> PrintStatsAsync(BuildSettings settings, string path, CancellationToken cancellationToken)
    {
        var files = Directory.Exists(path)
            ? new[] { BenchmarkBuilder.BaseFile, BenchmarkBuilder.AdversarialFile }.Select(f => Path.Combine(path, f)).Where(File.Exists).ToArray()
            : [path];
        if (files.Length == 0)
            throw new AlertException($"{path}: no {BenchmarkBuilder.BaseFile} or {BenchmarkBuilder.AdversarialFile} here");
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
            table.Add(file, prefix, new OutputCell(node?.ToJsonString() ?? "null", node?.DeepClone() ?? OutputCell.JsonNull));
        }
    }
}
