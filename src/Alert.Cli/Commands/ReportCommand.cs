using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.Reporting;
using Alert.Scoring;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert report</c>: compare runs from their stored verdicts (nothing is re-judged).</summary>
public sealed class ReportCommand(CliEnvironment env) : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var policy = SafetyPolicy.Resolve(settings.Policy);
        var runs = new List<RunReport>();
        var attacks = new List<AttackRunReport>();
        foreach (var dir in settings.Runs)
        {
            if (await AttackRunReport.IsAttackRunAsync(dir, cancellationToken))
                attacks.Add(await AttackRunReport.LoadAsync(dir, cancellationToken));
            else
                runs.Add(await RunReport.LoadAsync(dir, policy, settings.Judge, settings.Examples, cancellationToken));
        }
        var model = ReportModel.Create(runs, attacks, policy);
        Directory.CreateDirectory(settings.OutDirectory);
        var files = new List<string>();
        foreach (var exporter in ReportExporters.Default)
            files.AddRange(await exporter.ExportAsync(model, settings.OutDirectory, cancellationToken));

        var table = new OutputTable(
            "leaderboard", null, "Rank", "Run", "Judge", "Prompts", "Overall", "95% CI", "Vs. above");
        foreach (var (e, i) in model.Leaderboard.Select((e, i) => (e, i)))
        {
            var overall = e.Run.Scores.Overall;
            var step = e.PValueVsAbove is null
                ? i > 0 && model.Differences.Count > 0 ? "not tested" : ""
                : e.TiedWithAbove ? "not significant" : "significant";
            table.Add(e.Rank, e.Run.Name, e.Run.Judge, overall.Total,
                new OutputCell(
                    ReportFormat.Score(overall), overall.Score is { } o ? Math.Round(o, 4) : OutputCell.JsonNull),
                JsonColumns.Interval(overall.Wilson95), step);
        }
        // An attack-only report has no leaderboard: say so rather than print an empty table.
        if (model.Runs.Count > 0)
            env.Write(settings, table);
        else
            env.Messages(settings).WriteLine("attack runs only: no leaderboard (the report shows success per method)");
        if (model.ComparabilityWarning is { } warning)
            env.Messages(settings).WriteLine("warning: " + warning);
        env.Messages(settings).WriteLine(
            $"wrote {files.Count} files to {settings.OutDirectory} (policy {policy.Name})");
        return AlertCli.ExitOk;
    }
}
