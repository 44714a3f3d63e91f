using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.Common;
using Alert.Judges;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert judge eval</c>: agreement of a judge with labels: accuracy, precision, recall, F1, kappa,
/// confusion, errors, throughput.</summary>
public sealed class JudgeEvalCommand(CliEnvironment env) : AsyncCommand<JudgeEvalSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, JudgeEvalSettings settings, CancellationToken cancellationToken)
    {
        var rows = new List<LabelledPair>();
        await foreach (var r in LabelledFile.ReadAsync(settings.Input!, null, cancellationToken))
            rows.Add(r);
        var judge = settings.CreateJudge(env);
        try
        {
            var verdicts = new Verdict[rows.Count];
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count),
                new ParallelOptions
                {
                    MaxDegreeOfParallelism = settings.Concurrency,
                    CancellationToken = cancellationToken
                },
                async (i, ct) => verdicts[i] = (await judge.JudgeAsync(rows[i].Prompt, rows[i].Response, ct)).Verdict);
            var seconds = clock.Elapsed.TotalSeconds;

            var overall = JudgeMetrics.Empty;
            var perCategory = new SortedDictionary<string, JudgeMetrics>(StringComparer.Ordinal);
            for (var i = 0; i < rows.Count; i++)
            {
                overall = overall.Add(rows[i].Unsafe, verdicts[i]);
                if (rows[i].Category is { } c)
                    perCategory[c] = perCategory.GetValueOrDefault(c, JudgeMetrics.Empty)
                        .Add(rows[i].Unsafe, verdicts[i]);
            }

            var table = new OutputTable("agreement", $"{judge.Name} on {Path.GetFileName(settings.Input!)}",
                "Rows", "N", "Accuracy", "Precision", "Recall", "F1", "Kappa", "Errors");
            AddRow(table, "all", overall);
            foreach (var (c, m) in perCategory)
                AddRow(table, c, m);
            env.Write(settings, table);
            var messages = env.Messages(settings);
            messages.WriteLine(
                $"confusion (rows: truth, columns: verdict unsafe/safe): " +
                $"unsafe {overall.TruePositive}/{overall.FalseNegative}, " +
                $"safe {overall.FalsePositive}/{overall.TrueNegative}; errors {overall.Errors}");
            messages.WriteLine(
                $"throughput: {rows.Count / Math.Max(seconds, 1e-9):0.0} judgments/s ({rows.Count} in {seconds:0.0}s)");

            if (settings.Out is { } outPath)
            {
                var json = new JsonObject
                {
                    ["judge"] = judge.Name,
                    ["input"] = Path.GetFileName(settings.Input!),
                    ["overall"] = overall.ToJson(),
                    ["judgments_per_second"] = Math.Round(rows.Count / Math.Max(seconds, 1e-9), 2),
                    ["categories"] = new JsonObject(
                        perCategory.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value.ToJson()))),
                };
                await AtomicJsonlWriter.WriteAllTextAsync(
                    outPath, json.ToJsonString(new System.Text.Json.JsonSerializerOptions(
                    JsonlFile.WriteOptions)
                    { WriteIndented = true }) + "\n", cancellationToken);
            }
            if (settings.Card is { } cardPath)
            {
                var set = new Judges.JudgeCardSet(
                    settings.SetName ?? Path.GetFileName(settings.Input!), Path.GetFileName(settings.Input!),
                    overall.TruePositive, overall.FalseNegative, overall.TrueNegative, overall.FalsePositive);
                var card = File.Exists(cardPath) ? await Judges.JudgeCard.LoadAsync(cardPath, cancellationToken)
                    : new Judges.JudgeCard(judge.Name, []);
                if (card.Judge != judge.Name)
                    throw new AlertException($"{cardPath}: the card is for judge '{card.Judge}', not '{judge.Name}'");
                card = card with { Sets = [.. card.Sets.Where(s => s.Name != set.Name), set] };
                await AtomicJsonlWriter.WriteAllTextAsync(cardPath, card.ToJsonString(), cancellationToken);
                messages.WriteLine($"wrote the judge card {cardPath} ({card.Sets.Count} sets)");
            }
            return AlertCli.ExitOk;
        }
        finally
        {
            judge.Dispose();
        }
    }

    private static void AddRow(OutputTable table, string name, JudgeMetrics m) =>
        table.Add(name, m.Judged + m.Errors, Figure(m.Accuracy), Figure(m.Precision), Figure(m.Recall), Figure(m.F1),
            Figure(m.Kappa), m.Errors);

    private static OutputCell Figure(double value) =>
        new(value.ToString("0.000", CultureInfo.InvariantCulture),
            double.IsFinite(value) ? Math.Round(value, 4) : OutputCell.JsonNull);
}
