using Alert.Cli.Infrastructure;
using Alert.Reporting;
using Alert.Scoring;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert score</c>: recompute scores from stored verdicts (no target or judge calls).</summary>
public sealed class ScoreCommand(CliEnvironment env) : AsyncCommand<ScoreSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, ScoreSettings settings, CancellationToken cancellationToken)
    {
        var input = settings.Scored;
        var policy = SafetyPolicy.Resolve(settings.Policy);
        ScoresHeader header;
        SafetyScores scores;
        IReadOnlyList<JudgeAgreement>? agreement = null;
        HumanAuditedScore? audited = null;
        // A path that is neither a file nor a directory was meant as a run directory far more often than as a
        // results file: it gets the words 'alert report' uses.
        if (!File.Exists(input) && !Directory.Exists(input))
            throw new AlertException($"{input}: not a run directory (no {Storage.RunStore.FileName})");
        if (Directory.Exists(input))
        {
            // A run is scored from run.db, the one source 'alert report' reads too; results.jsonl is its export.
            var run = await RunReport.LoadAsync(input, policy, cancellationToken: cancellationToken);
            header = new ScoresHeader(run.Name, run.Judge, run.Manifest.GetValueOrDefault("benchmark", "?"));
            scores = run.Scores;
            agreement = run.Agreement;
            audited = run.HumanAudited;
        }
        else
        {
            header = new ScoresHeader("?", "?", Path.GetFileName(input));
            scores = await ResultsFile.ScoreAsync(input, policy, cancellationToken);
        }
        var output = settings.ScoresPath;
        if (output is not null)
            await ScoresFile.WriteAsync(output, header, scores, agreement, audited, cancellationToken);
        ScoreTable.Write(env, settings, scores, header.Judge);
        if (audited is not null)
            HumanAuditedTable.Write(env, settings, audited, header.Judge);
        var say = env.Messages(settings);
        // The run's summary line, from the figures scores.json holds.
        if (JudgeCorrectedLine.For(header.Judge, scores) is { } corrected)
            env.WriteMessage(say, corrected);
        env.WriteMessage(say, output is null
            ? "scores printed only (give --out FILE to write scores.json)" : $"wrote {output}");
        return AlertCli.ExitOk;
    }
}
