using System.ComponentModel;
using Alert.RedTeaming;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class AttackCommandSettings : JudgeSettings
{
    [CommandOption("--method <METHOD>")]
    [Description("Attack method (listed below with what each needs: --attacker, --scorer).")]
    public string? Method { get; init; }

    [CommandOption("--target <SPEC>")]
    [Description("Model under test, PROVIDER:MODEL (the target providers are listed below).")]
    public string? Target { get; init; }

    [CommandOption("--base-url <URL>")]
    [Description(
        "Target server (OpenAI-compatible .../v1, or Ollama). Default: OPENAI_BASE_URL. Key from OPENAI_API_KEY.")]
    public string[] BaseUrl { get; init; } = [];

    [CommandOption("--goals <FILE>")]
    [Description(
        "Goals: a benchmark JSONL file (requests with their ALERT category). Default: --per-category plain prompts " +
        "of the built-in benchmark.")]
    public string? Goals { get; init; }

    [CommandOption("--per-category <N>")]
    [Description("Goals per ALERT category from the built-in benchmark's plain prompts.")]
    [DefaultValue(1)]
    public int PerCategory { get; init; } = 1;

    [CommandOption("--max-target-queries <N>")]
    [Description("Most target calls per goal (for bon, N samples). Default: derived from the method's knobs "
        + "(pair streams x iterations, tap width x depth, crescendo turns + backtracks; bon 50, past-tense 20).")]
    public int? MaxTargetQueries { get; init; }

    [CommandOption("--attacker <SPEC>")]
    [Description(
        "The attacker model, PROVIDER:MODEL like --target (pair, tap, crescendo, past-tense, persuasion; bon and " +
        "many-shot need none).")]
    public string? Attacker { get; init; }

    [CommandOption("--attacker-base-url <URL>")]
    [Description("The attacker's server. Default: OPENAI_BASE_URL for openai: specs.")]
    public string? AttackerBaseUrl { get; init; }

    [CommandOption("--scorer <SPEC>")]
    [Description(
        "The in-loop scorer (pair and tap need one; crescendo uses one if given): a model spec rating answers 1-10, " +
        "or judge:SPEC to use a judge's verdict " +
        "(unsafe 10, safe 1).")]
    public string? Scorer { get; init; }

    [CommandOption("--scorer-base-url <URL>")]
    [Description("The scorer model's server. Default: OPENAI_BASE_URL for openai: specs.")]
    public string? ScorerBaseUrl { get; init; }

    [CommandOption("--branching <N>")]
    [Description("TAP's branches per node.")]
    [DefaultValue(4)]
    public int Branching { get; init; } = 4;

    [CommandOption("--width <N>")]
    [Description("TAP's nodes kept per level.")]
    [DefaultValue(10)]
    public int Width { get; init; } = 10;

    [CommandOption("--depth <N>")]
    [Description("TAP's levels.")]
    [DefaultValue(10)]
    public int Depth { get; init; } = 10;

    [CommandOption("--streams <N>")]
    [Description("PAIR's streams.")]
    [DefaultValue(30)]
    public int Streams { get; init; } = 30;

    [CommandOption("--iterations <N>")]
    [Description("PAIR's iterations per stream.")]
    [DefaultValue(3)]
    public int Iterations { get; init; } = 3;

    [CommandOption("--shots <N>")]
    [Description("many-shot's shots per attempt: requests of the goal's category with placeholder answers.")]
    [DefaultValue(32)]
    public int Shots { get; init; } = 32;

    [CommandOption("--seed <N>")]
    [Description("Seeds every random choice and is sent (one derived per call) as the attacker's and target's "
        + "sampling seed, to servers that take one.")]
    [DefaultValue(0L)]
    public long Seed { get; init; }

    [CommandOption("--out <RUNDIR>")]
    [Description("Run directory (state in run.db; re-running the same command resumes).")]
    public string? Out { get; init; }

    [CommandOption("--max-tokens <N>")]
    [Description("Cap on the target's answer length. Default: 512; 150 under --protocol jailbreakbench.")]
    public int? MaxTokens { get; init; }

    /// <summary>The answer cap when neither <c>--max-tokens</c> nor a protocol sets one.</summary>
    public const int DefaultMaxTokens = 512;

    [CommandOption("--protocol <NAME>")]
    [Description("Follow a published protocol: jailbreakbench (Chao et al. 2024: PAIR 30 streams x 3 iterations, "
        + "target answers capped at 150 tokens, the target string in the attacker's task, a JBB-style prompt for "
        + "llm: judges).")]
    public string? Protocol { get; init; }

    [CommandOption("--converter <NAME[,NAME...]>")]
    [Description("Static attacks (alert build --list-attacks: base64, leetspeak, rot13, ...) that wrap every attempt "
        + "sent to the target, in order, as PyRIT's converters.")]
    public string? Converter { get; init; }

    [CommandOption("--sigma <S>")]
    [Description("Best-of-N's perturbation strength (Hughes et al. 2024).")]
    [DefaultValue(0.4)]
    public double Sigma { get; init; } = 0.4;

    [CommandOption("--turns <N>")]
    [Description("Crescendo's most turns (Russinovich et al. 2024; PyRIT).")]
    [DefaultValue(10)]
    public int Turns { get; init; } = 10;

    [CommandOption("--backtracks <N>")]
    [Description("Crescendo's most backtracks (PyRIT).")]
    [DefaultValue(10)]
    public int Backtracks { get; init; } = 10;

    [CommandOption("--history <N>")]
    [Description("Exchanges of its history the attacker sees (pair, tap; Chao et al.: 4).")]
    [DefaultValue(4)]
    public int History { get; init; } = 4;

    [CommandOption("--attacker-retries <N>")]
    [Description("Regenerations of an attacker answer that is unusable or a refusal.")]
    [DefaultValue(3)]
    public int AttackerRetries { get; init; } = 3;

    [CommandOption("--max-attacker-queries <N>")]
    [Description("Most attacker calls per goal. Default: 4 per target call.")]
    public int? MaxAttackerQueries { get; init; }

    /// <summary>The <c>--converter</c> names, in order.</summary>
    public IReadOnlyList<string> ConverterNames => Converter is null ? []
        : Converter.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [CommandOption("--timeout <SECONDS>")]
    [Description("Per-attempt request timeout.")]
    [DefaultValue(120)]
    public int Timeout { get; init; } = 120;

    [CommandOption("--attempts <N>")]
    [Description("Attempts per request for transient failures (429, 5xx, timeouts), with backoff.")]
    [DefaultValue(4)]
    public int Attempts { get; init; } = 4;

    [CommandOption("--max-requests <N>")]
    [Description(
        "Send at most N new target requests in this invocation, then stop cleanly; re-run to go on (completed calls " +
        "are not sent again).")]
    public long? MaxRequests { get; init; }

    [CommandOption("--dry-run")]
    [Description(
        "Print the goals and the most calls per role (and, with prices, the target's most cost), and stop without " +
        "sending anything.")]
    public bool DryRun { get; init; }

    [CommandOption("--price-in <PRICE>")]
    [Description("Price per million input tokens of the target (for --dry-run).")]
    public double? PriceIn { get; init; }

    [CommandOption("--price-out <PRICE>")]
    [Description("Price per million output tokens of the target.")]
    public double? PriceOut { get; init; }

    [CommandOption("--hedge-rate <R|auto>")]
    [Description(
        "Most target requests sent a second time because the first is a straggler, as a share. 'auto': 0.05, or 0 " +
        "for OpenAI's hosted API (no --base-url), which bills every request, and under --max-requests.")]
    [DefaultValue("auto")]
    public string HedgeRate { get; init; } = "auto";

    /// <summary>The hedge budget for the target's servers, as <c>alert run</c>'s (<see
    /// cref="Infrastructure.HedgeRateOption"/>).</summary>
    public double ResolveHedgeRate(IReadOnlyList<string> servers) =>
        Infrastructure.HedgeRateOption.Resolve(HedgeRate, Target!, servers, budgeted: MaxRequests is not null);

    /// <summary>The knobs; the target cap is left to <see cref="AttackDefinition.MaxTargetQueries"/>.</summary>
    public AttackSettings ToAttackSettings() => new()
    {
        Seed = Seed,
        Sigma = Sigma,
        MaxTurns = Turns,
        MaxBacktracks = Backtracks,
        KeepLastExchanges = History,
        AttackerRetries = AttackerRetries,
        MaxAttackerQueries = MaxAttackerQueries,
        Concurrency = Concurrency,
        MaxRequests = MaxRequests,
        Streams = Streams,
        Iterations = Iterations,
        Branching = Branching,
        Width = Width,
        Depth = Depth,
        Shots = Shots,
    };

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Method))
            return ValidationResult.Error(
                $"--method is required ({string.Join(", ", AdaptiveAttacks.All.Select(m => m.Name))})");
        if (!AdaptiveAttacks.All.Any(m => m.Name == Method))
            return ValidationResult.Error(
                $"--method: unknown attack method '{Method}' (expected one " +
                $"of {string.Join(", ", AdaptiveAttacks.All.Select(m => m.Name))})");
        if (string.IsNullOrWhiteSpace(Target))
            return ValidationResult.Error(
                "--target is required (e.g. --target openai:MODEL --base-url http://localhost:8000/v1)");
        if ((Infrastructure.UrlOption.Error("--base-url", BaseUrl)
            ?? Infrastructure.UrlOption.Error("--attacker-base-url", AttackerBaseUrl)
            ?? Infrastructure.UrlOption.Error("--scorer-base-url", ScorerBaseUrl)) is { } url)
            return ValidationResult.Error(url);
        if (string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required (the run directory)");
        if (PerCategory < 1)
            return ValidationResult.Error("--per-category must be at least 1");
        if (MaxTargetQueries is < 1)
            return ValidationResult.Error("--max-target-queries must be at least 1");
        if (!Infrastructure.HedgeRateOption.IsValid(HedgeRate))
            return ValidationResult.Error(Infrastructure.HedgeRateOption.Error);
        if (Streams < 1 || Iterations < 1)
            return ValidationResult.Error("--streams and --iterations must be at least 1");
        // Each method declares what it needs; a new method needs no change here.
        var needs = AdaptiveAttacks.Resolve(Method).Needs;
        var (hasAttacker, hasScorer) = (!string.IsNullOrWhiteSpace(Attacker), !string.IsNullOrWhiteSpace(Scorer));
        if (needs.Check(Method, hasAttacker, hasScorer) is { } missing)
            return ValidationResult.Error(missing);
        if (Knobs() is { } knobs)
            return ValidationResult.Error(knobs);
        if (Shots < 1)
            return ValidationResult.Error("--shots must be at least 1");
        if (Branching < 1 || Width < 1 || Depth < 1)
            return ValidationResult.Error("--branching, --width and --depth must be at least 1");
        if (MaxRequests is < 0)
            return ValidationResult.Error("--max-requests must be at least 0");
        if (MaxTokens < 1 || Timeout < 1 || Attempts < 1)
            return ValidationResult.Error("--max-tokens, --timeout and --attempts must be at least 1");
        return base.Validate();
    }

    /// <summary>The knobs' ranges, the protocol and the converters: the first problem as one line, or null.</summary>
    private string? Knobs()
    {
        if (Sigma is < 0 or > 1 || double.IsNaN(Sigma))
            return "--sigma must be between 0 and 1";
        if (Turns < 1 || Backtracks < 0 || History < 1 || AttackerRetries < 1)
            return "--turns, --history and --attacker-retries must be at least 1, --backtracks at least 0";
        if (MaxAttackerQueries is < 1)
            return "--max-attacker-queries must be at least 1";
        if (Protocol is { } name)
        {
            if (AttackProtocol.All.FirstOrDefault(p => p.Name == name) is not { } protocol)
            {
                var known = string.Join(", ", AttackProtocol.All.Select(p => p.Name));
                return $"--protocol: unknown protocol '{name}' (expected one of {known})";
            }
            if (Streams != protocol.Streams || Iterations != protocol.Iterations)
            {
                return $"--protocol {name} runs {protocol.Streams} streams x {protocol.Iterations} iterations; "
                    + "leave out --streams and --iterations";
            }
            if (MaxTokens is { } tokens && tokens != protocol.MaxOutputTokens)
                return $"--protocol {name} caps answers at {protocol.MaxOutputTokens} tokens; leave out --max-tokens";
        }
        if (Converter is not null && ConverterNames.Count == 0)
            return "--converter needs at least one name (e.g. base64 or base64,leetspeak)";
        foreach (var converter in ConverterNames)
        {
            try
            {
                Attacks.AttackCatalog.Resolve(converter);
            }
            catch (AlertException e)
            {
                return "--converter: " + e.Message;
            }
        }
        return null;
    }
}
