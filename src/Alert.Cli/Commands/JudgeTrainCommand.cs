using System.Diagnostics;
using Alert.Cli.Infrastructure;
using Alert.Judges;
using Alert.Judges.Embedded;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert judge train</c>: distil an embedded judge from labelled pairs, with cross-validated
/// agreement.</summary>
public sealed class JudgeTrainCommand(CliEnvironment env) : AsyncCommand<JudgeTrainSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, JudgeTrainSettings settings, CancellationToken cancellationToken)
    {
        var rows = new List<LabelledPair>();
        if (settings.Input is { } input)
        {
            await foreach (var r in LabelledFile.ReadAsync(input, settings.GroupField, cancellationToken))
                rows.Add(r);
        }
        foreach (var run in settings.Labels)
        {
            var labelled = await Alert.Labels.LabelPairs.ReadAsync(run, cancellationToken: cancellationToken);
            env.Messages(settings).WriteLine($"{labelled.Count} labelled answers from {run}");
            rows.AddRange(labelled);
        }
        var clock = Stopwatch.StartNew();
        using var embedder = JudgeFeatures.LoadPromptEncoder();
        using var trainer = new EmbeddedJudgeTrainer(embedder);
        env.Messages(settings).WriteLine($"embedding {rows.Count} pairs ...");
        var x = trainer.Featurize(rows, cancellationToken);
        var early = trainer.FeaturizeEarly(rows, cancellationToken);
        var result = trainer.Train(rows, x, new TrainingOptions
        {
            Name = settings.Name ?? Path.GetFileNameWithoutExtension(settings.Out!),
            L2 = settings.L2,
            Hidden = settings.Hidden,
            Seeds = settings.Seeds,
            RefusalPrior = settings.RefusalPrior,
            Folds = settings.Folds,
            TrainedFrom = (settings.TrainedFrom ?? string.Join(" + ", new[] { Path.GetFileName(settings.Input) }
                .Concat(settings.Labels.Select(l => "labels of " + l)).Where(s => !string.IsNullOrEmpty(s))))
                + $" ({rows.Count} rows, {rows.Count(r => r.Unsafe)} unsafe"
                + $"{(settings.GroupField is null ? "" : $", grouped by {settings.GroupField}")})",
        }, early);
        await result.Model.SaveAsync(settings.Out!, cancellationToken);
        var cv = result.CrossValidated;
        env.Messages(settings).WriteLine(
            $"trained on {rows.Count} rows in {clock.Elapsed.TotalSeconds:0}s -> {settings.Out}");
        env.Messages(settings).WriteLine(
            $"{settings.Folds}-fold cross-validated " +
            $"agreement{(settings.GroupField is null ? "" : $" (folds by {settings.GroupField})")}: " +
            $"accuracy {cv.Accuracy:0.000}, F1 {cv.F1:0.000}, kappa {cv.Kappa:0.000} (refusal " +
            $"prior {result.Model.RefusalPrior:0.##})");
        env.Messages(settings).WriteLine($"use it with: --judge embedded:{settings.Out}");
        return AlertCli.ExitOk;
    }
}
