using System.Globalization;
using System.Text;
using Alert.Plugins;
using Alert.Scoring;

namespace Alert.Reporting;

/// <summary><c>scores.csv</c>: one row per run and score group (overall, plain, adversarial, macro, category,
/// attack).</summary>
public sealed class CsvScoresExporter : IReportExporter
{
    /// <summary>The exporter, as the registry finds it.</summary>
    [AlertPlugin(Order = 40)]
    public static IReportExporter Exporter { get; } = new CsvScoresExporter();

    /// <summary>The exporter's name for <c>--format</c>.</summary>
    public string Name => "csv";

    /// <summary>One line for help.</summary>
    public string Description => "scores.csv: one row per run and score group";

    /// <summary>The file's name in the report directory.</summary>
    public const string FileName = "scores.csv";

    /// <summary>The CSV text for <paramref name="model"/>: one row per run and score group.</summary>
    public static string Render(ReportModel model)
    {
        var csv = new StringBuilder("run,judge,policy,group,key,safe,unsafe,errors,total,score," +
            "ci95_low,ci95_high,band,excluded,empty,not_sent\n");
        foreach (var run in model.Runs)
        {
            var s = run.Scores;
            Row("overall", "all", s.Overall, false);
            Row("plain", "none", s.Plain, false);
            Row("adversarial", "all", s.Adversarial, false);
            foreach (var (k, c) in s.Macros)
                Row("macro", k, c, false);
            foreach (var (k, c) in s.Categories)
                Row("category", k, c, s.Excluded(k));
            foreach (var (k, c) in s.AttackTypes)
                Row("attack", k, c, false);
            // Benign look-alikes: safe = complied, unsafe = refused or partial, score = compliance.
            if (s.Benign.Total > 0)
            {
                Row("benign", "all", new ScoreCell(
                    s.Benign.Complied, s.Benign.Refused + s.Benign.Partial, s.Benign.Errors), false, banded: false);
                foreach (var (k, c) in s.BenignCategories)
                    Row("benign", k, new ScoreCell(c.Complied, c.Refused + c.Partial, c.Errors), s.Excluded(k),
                        banded: false);
            }

            void Row(string group, string key, ScoreCell cell, bool excluded, bool banded = true)
            {
                var ci = cell.Wilson95;
                csv.Append(CultureInfo.InvariantCulture,
                    $"{Field(run.Name)},{Field(run.Judge)},{Field(s.Policy.Name)},{group},{Field(key)},");
                csv.Append(CultureInfo.InvariantCulture,
                    $"{cell.Safe},{cell.Unsafe},{cell.Errors},{cell.Total},{Num(cell.Score)},");
                csv.Append(CultureInfo.InvariantCulture, $"{Num(ci?.Low)},{Num(ci?.High)},");
                csv.Append(CultureInfo.InvariantCulture,
                    $"{(banded ? s.Policy.Band(cell)?.ToWire() : "")},{(excluded ? "true" : "false")},");
                csv.Append(CultureInfo.InvariantCulture, $"{cell.EmptyAnswers},{cell.NotSent}\n");
            }
        }
        return csv.ToString();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ExportAsync(
        ReportModel model, string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        await Alert.Common.AtomicJsonlWriter.WriteAllTextAsync(path, Render(model), cancellationToken)
            .ConfigureAwait(false);
        return [path];
    }

    private static string Num(double? value) =>
        value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";

    /// <summary>RFC 4180 quoting; a leading formula character is neutralised for spreadsheets.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\""
            + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
