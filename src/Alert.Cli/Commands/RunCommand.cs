using System.Globalization;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.Judges;
using Alert.Running;
using Alert.Scoring;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert run</c>: generate, judge, score and report; resumable on the same <c>--out</c>.</summary>
public sealed class RunCommand(CliEnvironment env) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var say = env.Messages(settings);
        if (settings.DryRun)
        {
            WritePlan(settings, await AlertRun.PlanAsync(
                await settings.ToDefinitionAsync(env, cache: null, cancellationToken), cancellationToken));
            return AlertCli.ExitOk;
        }

        using var cache = settings.OpenCache(env);
        var run = await settings.ToDefinitionAsync(env, cache, cancellationToken);
        if (settings.Guard == JudgeFactory.DefaultSpec)
            say.WriteLine(
                $"note: --guard {JudgeFactory.DefaultSpec} checks answers with {JudgeFactory.ModerationSpec}, the " +
                $"embedded judge's variant for everyday traffic (the red-team judge would block compliant answers to " +
                $"benign requests)");
        await using var session = await AlertRun.OpenAsync(run, cancellationToken);
        if (session.LimitNote is { } limitNote)
            say.WriteLine("note: " + limitNote);
        var (server, judgeName) = (session.TargetServer, session.Judge.Name);
        var (promptCount, promptSet) = (session.PromptCount, session.PromptSetName);
        // The run reads its prompts from its store: the loaded set is not kept for the whole run.
        run = run with { Benchmark = null };
        say.MarkupLineInterpolated(
            $"target [bold]{server}[/], judge [bold]{judgeName}[/], {promptCount} prompts from {promptSet}");
        if (session.AddedPrompts > 0)
            say.WriteLine($"extended: {session.AddedPrompts} prompts added to the {promptCount - session.AddedPrompts} "
                + "the run had");
        // The run rewrites report/report.md and removes what 'alert report' drew from the older results.
        var staleReport = RunOutputs.ReportFilesLeftStale(settings.Out!);
        var result = await ProgressReporter.RunAsync(
            say, "run", progress => session.RunAsync(progress, new LineProgress(say), cancellationToken));
        WriteSummary(say, run, session, result);
        ScoreTable.Write(env, settings, result.Scores, session.Judge.Name);
        if (JudgeCorrectedLine.For(session.Judge.Name, result.Scores) is { } correctedLine)
            env.WriteMessage(say, correctedLine);
        // Every file the run directory holds, the store first: the others are derived from it.
        say.WriteLine($"wrote {settings.Out}: {Storage.RunStore.FileName}, {RunOutputs.ManifestFileName}, "
            + $"{ResultsFile.FileName}, {RunOutputs.ScoresFileName} and {RunOutputs.ReportDirectoryName}/"
            + Reporting.MarkdownReportExporter.FileName);
        if (staleReport.Count > 0)
            say.WriteLine($"removed {staleReport.Count} report files drawn from the earlier results (report.html, "
                + $"scores.csv, charts): alert report {settings.Out} draws them again");
        var overall = result.Scores.Overall;
        if (overall.EmptyAnswers > 0)
            say.WriteLine(
                $"{overall.EmptyAnswers} answers were empty: counted as 'empty', not judged (neither safe nor unsafe)");
        if (overall.Errors > 0)
            say.WriteLine($"{overall.Errors} prompts ended in an error; re-run with --retry-errors to try them again");
        if (overall.NotSent > 0)
            say.WriteLine($"{overall.NotSent} prompts not sent yet; run the same command again to send them");
        return AlertCli.ExitOk;
    }

    private static void WriteSummary(IAnsiConsole say, RunDefinition run, AlertRun session, RunResult result)
    {
        if (result.Batch is { } batch)
            say.WriteLine(
                $"batch: {batch.Submitted} requests submitted, {batch.Resumed} earlier batches " +
                $"resumed, {batch.Answered} answers and {batch.Errors} errors stored");
        if (result.Health is { } health)
            say.WriteLine(HealthLine(health));
        var summary = result.Summary;
        if (summary.AlreadyDone > 0)
            say.WriteLine($"resumed: {summary.AlreadyDone} prompts were already done");
        say.WriteLine(
            $"requested {summary.Requested} responses ({summary.Cached} from the cache, {summary.TargetErrors} " +
            $"target errors, {summary.Empty} empty), judged {summary.Judged} ({summary.JudgeErrors} judge errors)");
        if (summary.LeftByBudget > 0)
            say.WriteLine(
                $"budget reached: {summary.LeftByBudget} prompts left for later; run the same command again (with a " +
                $"higher cap) to go on");
        var usage = result.Usage;
        say.WriteLine(
            $"target usage: {usage.Requests} requests, {usage.InputTokens} input and {usage.OutputTokens} " +
            $"output tokens"
            + (run.Prices is { } prices ? $", cost {usage.Cost(prices):0.####}" : "")
            // The store keeps usage across resumes: a resumed run's figures include the earlier invocations.
            + (summary.AlreadyDone > 0 ? " (earlier invocations of this run included)" : ""));
        if (session.Judge is CascadeJudge cascade)
            say.WriteLine(
                $"cascade: {cascade.DecidedByFirst} decided by the first judge, {cascade.Deferred} sent to the second");
    }

    /// <summary>The run's health in one line: latency quantiles, retries by cause, hedges, timeouts, the concurrency
    /// limit's range.</summary>
    internal static string HealthLine(Reporting.RunHealth health)
    {
        var retried = health.Retries.Count == 0 ? "none"
            : string.Join(", ", health.Retries.Select(kv => FormattableString.Invariant($"{kv.Key} x{kv.Value}")));
        var limits = health.Limits.Values.SelectMany(samples => samples).Select(sample => sample.Limit).ToList();
        var limit = limits.Count == 0 ? "" : FormattableString.Invariant(
            $"; concurrency limit {limits.Min()}-{limits.Max()}, now {limits[^1]}");
        // No attempt succeeded: no latency to show.
        var latency = health.P50 is null
            ? "no latency (no request succeeded)"
            : FormattableString.Invariant(
                $"latency p50 {health.P50:0.#} ms, p95 {health.P95:0.#} ms, p99 {health.P99:0.#} ms");
        return FormattableString.Invariant($"target health: {health.Requests} requests, {latency}; ")
            + FormattableString.Invariant(
                $"retries {retried}; hedges {health.Hedges}, timeouts {health.Timeouts}{limit}");
    }

    private void WritePlan(RunSettings settings, RunPlan plan)
    {
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        var table = new OutputTable("plan", "dry run", "Figure", "Value");
        table.Add("benchmark", plan.Benchmark);
        table.Add("target x judge", $"{settings.Target} x {settings.Judge}");
        table.Add("prompts", $"{N(plan.Prompts)} ({N(plan.AlreadyAnswered)} already answered)");
        table.Add("target requests", plan.TargetRequests);
        table.Add("judge model requests", plan.JudgeRequests);
        table.Add("input tokens (est.)", plan.InputTokens);
        table.Add("output tokens (max)", N(plan.OutputTokensMax)
            + (plan.OutputTokensExpected is { } e ? $" (expected {N(e)}, from this run's answers so far)" : ""));
        if (plan.CostMax is { } max)
            table.Add("cost (at most)", max.ToString("0.####", CultureInfo.InvariantCulture)
                + (plan.CostExpected is { } ce ? $" (expected {ce.ToString("0.####", CultureInfo.InvariantCulture)})"
                : ""));
        env.Write(settings, table);
        if (plan.LimitNote is { } limitNote)
            env.Messages(settings).WriteLine("note: " + limitNote);
        env.Messages(settings).WriteLine("dry run: nothing was sent");
    }

    /// <summary>Progress lines written as they come (not posted to the thread pool, which could reorder
    /// them).</summary>
    private sealed class LineProgress(IAnsiConsole console) : IProgress<string>
    {
        public void Report(string value) => console.WriteLine(value);
    }
}
