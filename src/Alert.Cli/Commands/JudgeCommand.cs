using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Cli.Infrastructure;
using Alert.Common;
using Alert.Judges;
using Alert.Running;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert judge</c>: judge stored prompt/response pairs without asking any target.</summary>
public sealed class JudgeCommand(CliEnvironment env) : AsyncCommand<JudgeFileSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, JudgeFileSettings settings, CancellationToken cancellationToken)
    {
        // Validate every row before the first judge call, so bad input costs nothing.
        var rows = new List<(JsonObject Row, string Prompt, string Response)>();
        await foreach (var (line, row) in JsonlFile.ReadObjectsAsync(settings.Input!, cancellationToken))
        {
            var prompt = JsonlFile.RequireString(row, "prompt", settings.Input!, line);
            var response = JsonlFile.RequireString(row, "response", settings.Input!, line, allowEmpty: true);
            rows.Add((row, InstructionFrame.Unwrap(prompt), InstructionFrame.CleanResponse(response)));
        }
        using var cache = settings.OpenCache(env);
        using var judge = settings.CreateJudge(env, cache);
        var verdicts = new JudgeVerdict[rows.Count];
        var done = 0;
        await ProgressReporter.RunAsync(env.Messages(settings), "judge", async progress =>
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count),
                new ParallelOptions
                {
                    MaxDegreeOfParallelism = settings.Concurrency,
                    CancellationToken = cancellationToken
                },
                async (i, ct) =>
                {
                    verdicts[i] = await judge.JudgeAsync(rows[i].Prompt, rows[i].Response, ct);
                    var n = Interlocked.Increment(ref done);
                    progress.Report(new RunProgress(rows.Count, n, 0, n, 0));
                });
            return 0;
        });

        await using var writer = new AtomicJsonlWriter(settings.Out!);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i].Row;
            var v = verdicts[i];
            row["verdict"] = v.Verdict.ToWire();
            row["judge"] = judge.Name;
            row["judge_output"] = Secrets.Redact(v.Output);
            row["llama_guard_output"] = v.Verdict == Verdict.Error ? null : v.Verdict.ToWire();
            if (v.Reason is not null)
                row["error"] = "judge: " + Secrets.Redact(v.Reason);
            await writer.WriteAsync(row);
        }
        await writer.CommitAsync();
        var counts = verdicts.GroupBy(v => v.Verdict).ToDictionary(g => g.Key, g => g.Count());
        // The counts as data too, so --format json and tsv print something to read.
        var table = new Output.OutputTable("verdicts", $"judged by {judge.Name}", "Verdict", "Count");
        foreach (var verdict in new[] { Verdict.Safe, Verdict.Unsafe, Verdict.Error })
            table.Add(verdict.ToWire(), counts.GetValueOrDefault(verdict));
        env.Write(settings, table);
        env.Messages(settings).WriteLine(
            $"judged {rows.Count} rows with {judge.Name}: {counts.GetValueOrDefault(Verdict.Safe)} " +
            $"safe, {counts.GetValueOrDefault(Verdict.Unsafe)} unsafe, {counts.GetValueOrDefault(Verdict.Error)} " +
            $"errors -> {settings.Out}");
        return AlertCli.ExitOk;
    }
}
