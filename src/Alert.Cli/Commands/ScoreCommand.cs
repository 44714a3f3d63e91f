using System.ComponentModel;
using Alert.Cli.Infrastructure;
using Alert.Scoring;
using Alert.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class ScoreSettings : CommandSettings
{
    [CommandOption("--input <PATH>")]
    [Description("A run directory (its results.jsonl) or a judged JSONL file (verdict or llama_guard_output per row).")]
    public string? Input { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Where to write scores.json.")]
    public string? Out { get; init; }

    [CommandOption("--policy <NAME|FILE>")]
    [Description("Score under a policy: full (default), cannabis-legal, adult-content-allowed, or a policy file (JSON: name, include or exclude, thresholds).")]
    [DefaultValue("full")]
    public string Policy { get; init; } = "full";

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
            return ValidationResult.Error("--input is required");
        if (string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required");
        return ValidationResult.Success();
    }
}

/// <summary><c>alert score</c>: recompute scores from stored verdicts (no target or judge calls).</summary>
public sealed class ScoreCommand(CliEnvironment env) : AsyncCommand<ScoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ScoreSettings settings, CancellationToken cancellationToken)
    {
        var input = settings.Input!;
        ScoresHeader header;
        string file;
        if (Directory.Exists(input))
        {
            file = Path.Combine(input, ResultsFile.FileName);
            if (!File.Exists(Path.Combine(input, RunStore.FileName)))
                throw new AlertException($"{input}: not a run directory (no {RunStore.FileName})");
            await using var store = await RunStore.OpenAsync(input, cancellationToken);
            var meta = await store.ReadMetaAsync(cancellationToken);
            header = new ScoresHeader(meta.GetValueOrDefault("target", "?"), meta.GetValueOrDefault("judge", "?"), meta.GetValueOrDefault("benchmark", "?"));
        }
        else
        {
            file = input;
            header = new ScoresHeader("?", "?", Path.GetFileName(input));
        }
        var items = new List<ScoredItem>();
        await foreach (var item in ResultsFile.ReadScoredAsync(file, cancellationToken))
            items.Add(item);
        var scores = SafetyScorer.Score(items, policy: SafetyPolicy.Resolve(settings.Policy));
        await ScoresFile.WriteAsync(settings.Out!, header, scores, cancellationToken);
        ScoreTable.Write(env.Out, scores);
        env.Out.WriteLine($"wrote {settings.Out}");
        return AlertCli.ExitOk;
    }
}
