using Alert.Cli.Output;
using System.ComponentModel;
using System.Globalization;
using Alert.Cli.Infrastructure;
using Alert.Reporting;
using Alert.Scoring;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class ReportSettings : OutputSettings
{
    [CommandArgument(0, "<RUNDIR>")]
    [Description("One or more run directories (one column per run).")]
    public string[] Runs { get; init; } = [];

    [CommandOption("--out <DIR>")]
    [Description("Directory for report.html, report.md, scores.csv and the charts (PNG and SVG).")]
    public string? Out { get; init; }

    [CommandOption("--policy <NAME|FILE>")]
    [Description("Score under a policy: full (default), cannabis-legal, adult-content-allowed, or a policy file.")]
    [DefaultValue("full")]
    public string Policy { get; init; } = "full";

    [CommandOption("--judge <SPEC>")]
    [Description("Use this judge's stored verdicts (default: the judge each run was last scored with).")]
    public string? Judge { get; init; }

    [CommandOption("--examples <N>")]
    [Description("Unsafe responses shown per category and run.")]
    [DefaultValue(3)]
    public int Examples { get; init; } = 3;

    public override ValidationResult Validate()
    {
        if (Runs.Length == 0)
            return ValidationResult.Error("give at least one run directory");
        if (string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required");
        return Examples < 0 ? ValidationResult.Error("--examples cannot be negative") : base.Validate();
    }
}

/// <summary><c>alert report</c>: compare runs from their stored verdicts (nothing is re-judged).</summary>
public sealed class ReportCommand(CliEnvironment env) : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var policy = SafetyPolicy.Resolve(settings.Policy);
        var runs = new List<RunReport>();
        foreach (var dir in settings.Runs)
            runs.Add(await RunReport.LoadAsync(dir, policy, settings.Judge, settings.Examples, cancellationToken));
        var model = ReportModel.Create(runs, policy);
        Directory.CreateDirectory(settings.Out!);
        var files = new List<string>();
        foreach (var exporter in ReportExporters.Default)
            files.AddRange(await exporter.ExportAsync(model, settings.Out!, cancellationToken));

        var table = new OutputTable("leaderboard", null, "Rank", "Run", "Judge", "Overall", "95% CI", "Vs. above");
        foreach (var e in model.Leaderboard)
        {
            var ci = e.Run.Scores.Overall.Wilson95 is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c.Low:0.00}-{c.High:0.00}") : "";
            var overall = e.Run.Scores.Overall.Score;
            table.Add(e.Rank, e.Run.Name, e.Run.Judge, new OutputCell(MarkdownReport.Score(e.Run.Scores.Overall), overall is { } o ? Math.Round(o, 4) : OutputCell.JsonNull),
                ci, e.PValueVsAbove is null ? "" : e.TiedWithAbove ? "not significant" : "significant");
        }
        env.Write(settings, table);
        env.Messages(settings).WriteLine($"wrote {files.Count} files to {settings.Out} (policy {policy.Name})");
        return AlertCli.ExitOk;
    }
}
