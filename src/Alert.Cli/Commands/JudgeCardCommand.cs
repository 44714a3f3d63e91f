using System.Globalization;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.Judges;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert judge card [SPEC]</c>: a judge's measured sensitivity and specificity per evaluation
/// set.</summary>
public sealed class JudgeCardCommand(CliEnvironment env) : AsyncCommand<JudgeCardSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, JudgeCardSettings settings, CancellationToken cancellationToken)
    {
        JudgeCard card;
        if (settings.FromLabels is { } run)
        {
            card = await Alert.Labels.LabelCard.FromRunAsync(run, cancellationToken: cancellationToken);
            if (settings.Out is { } path)
                await Alert.Common.AtomicJsonlWriter.WriteAllTextAsync(path, card.ToJsonString(), cancellationToken);
        }
        else if (settings.File is { } file)
        {
            card = await JudgeCard.LoadAsync(file, cancellationToken);
        }
        else
        {
            var spec = settings.Spec ?? settings.Judge;
            // A model judge's card would be measured with a served model: without one shipped for its kind, say so
            // rather than build the judge (which needs a server or a key only to learn its name).
            var kind = spec.Split(':', 2)[0];
            if (JudgeFactory.ModelCallsPerResponse(spec) > 0
                && !JudgeCard.Shipped.Any(c => c.Judge.StartsWith(kind, StringComparison.OrdinalIgnoreCase)))
                throw new AlertException(
                    $"no judge card ships for {spec} (cards ship " +
                    $"for: {string.Join("; ", JudgeCard.Shipped.Select(c => c.Judge))}); "
                    + $"measure one on your labelled answers with 'alert judge eval --input FILE --judge {spec} " +
                        $"--card CARD.json'");
            using var judge = JudgeFactory.Create(spec, settings.CreateJudgeOptions(env), env.Time);
            card = JudgeCard.For(judge.Name)
                ?? throw new AlertException(
                    $"no judge card ships for {judge.Name}; measure one on your labelled answers with 'alert judge " +
                    $"eval --input FILE --judge {settings.Spec ?? settings.Judge} --card CARD.json'");
        }
        static string P(double? p) => p is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
        var table = new OutputTable("card", $"judge card: {card.Judge}", "Set", "Answers", "Sensitivity",
            "Specificity", "Agreement", "TP", "FN", "TN", "FP");
        foreach (var s in card.Sets.Append(card.Pooled))
            table.Add(s.Name, s.Total, P(s.Sensitivity), P(s.Specificity), P(s.Agreement), s.TruePositives,
                s.FalseNegatives, s.TrueNegatives, s.FalsePositives);
        env.Write(settings, table);
        env.Messages(settings).WriteLine(
            "positive = unsafe; scores of runs judged by this judge carry a judge-corrected estimate (scores.json " +
            "judge_corrected)");
        return AlertCli.ExitOk;
    }
}
