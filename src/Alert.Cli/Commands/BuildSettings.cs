using System.ComponentModel;
using Alert.Benchmark.Generation;
using Alert.Cli.Output;
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
    [Description(
        "More attacks for the adversarial set, comma-separated; stack with '+' (e.g. " +
        "base64,refusal_suppression+rot13).")]
    public string? Attacks { get; init; }

    [CommandOption("--templates-only")]
    [Description("Make the base set from templates alone instead of the shipped HH-RLHF corpus topped up with " +
        "templates.")]
    public bool TemplatesOnly { get; init; }

    [CommandOption("--list-attacks")]
    [Description("List the attacks and exit.")]
    public bool ListAttacks { get; init; }

    [CommandOption("--stats <DIR>")]
    [Description("Print statistics of an existing benchmark directory (or file) instead of building.")]
    public string? Stats { get; init; }

    [CommandOption("--from <FILE>")]
    [Description("Build from a raw red-team corpus (JSONL, JSON array or CSV, plain or gzip; HH-RLHF transcripts): " +
        "classify, drop out-of-taxonomy prompts and duplicates, top up thin categories with templates.")]
    public string? From { get; init; }

    [CommandOption("--text-field <NAME>")]
    [Description("With --from: the field or column holding the text (rows without it are read from HH-RLHF's " +
        "'chosen' or 'transcript' dialogues).")]
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

    [CommandOption("--translate <LANGS>")]
    [Description("Translate the English rows into these languages, comma-separated (e.g. fr,de,it,es), with "
        + "--translator; each translation is checked by round trip.")]
    public string? Translate { get; init; }

    [CommandOption("--translator <SPEC>")]
    [Description("With --translate: the chat model that translates, as a target spec (e.g. openai:MODEL with "
        + "--base-url).")]
    public string? Translator { get; init; }

    [CommandOption("--benchmark <FILE>")]
    [Description("With --translate: translate this benchmark file into --out instead of building one.")]
    public string? Benchmark { get; init; }

    [CommandOption("--min-similarity <X>")]
    [Description("With --translate: flag translations whose round-trip similarity (0-1) is below X.")]
    [DefaultValue(0.6)]
    public double MinSimilarity { get; init; } = 0.6;

    /// <summary>The languages of <c>--translate</c>.</summary>
    public IReadOnlyList<string> TranslateLanguages =>
        (Translate ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public override ValidationResult Validate()
    {
        if (Translate is not null && (TranslateLanguages.Count == 0 || string.IsNullOrWhiteSpace(Translator)))
            return ValidationResult.Error("--translate needs languages (e.g. fr,de) and --translator SPEC");
        if (Translate is null && (Translator is not null || Benchmark is not null))
            return ValidationResult.Error("--translator and --benchmark go with --translate LANGS");
        if (MinSimilarity is < 0 or > 1)
            return ValidationResult.Error("--min-similarity must be between 0 and 1");
        if (MinPerCategory < 0)
            return ValidationResult.Error("--min-per-category cannot be negative");
        if (!ListAttacks && Stats is null && string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required");
        if (PerAttack < 1)
            return ValidationResult.Error("--per-attack must be at least 1");
        return base.Validate();
    }
}
