using System.Globalization;
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
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
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
        Directory.CreateDirectory(settings.Out!);
        var files = new List<string>();
        foreach (var exporter in ReportExporters.Default)
            files.AddRange(await exporter.ExportAsync(model, settings.Out!, cancellationToken));

        var table = new OutputTable("leaderboard", null, "Rank", "Run", "Judge", "Overall", "95% CI", "Vs. above");
        foreach (var e in model.Leaderboard)
        {
            var overall = e.Run.Scores.Overall.Score;
            table.Add(e.Rank, e.Run.Name, e.Run.Judge, new OutputCell(MarkdownReport.Score(e.Run.Scores.Overall), overall is { } o ? Math.Round(o, 4) : OutputCell.JsonNull),
                JsonColumns.Interval(e.Run.Scores.Overall.Wilson95), e.PValueVsAbove is null ? "" : e.TiedWithAbove ? "not significant" : "significant");
        }
        env.Write(settings, table);
        env.Messages(settings).WriteLine($"wrote {files.Count} files to {settings.Out} (policy {policy.Name})");
        return AlertCli.ExitOk;
    }
}
