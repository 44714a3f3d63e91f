using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Cli.Output;
using Alert.Judges;
using Alert.Scoring;

namespace Alert.Cli.Commands;

/// <summary>
/// The columns only <c>--format json</c> prints beside the scores: the 95% Wilson interval and, with a judge card, the
/// judge-corrected score and its interval, each interval an array of two numbers as in <c>scores.json</c>.
/// </summary>
internal sealed class JsonColumns(JudgeCard? card)
{
    public IReadOnlyList<string> Headers { get; } =
        card is null ? ["CI95"] : ["CI95", "Judge corrected", "Judge corrected CI95"];

    public IEnumerable<OutputCell> Cells(ScoreCell cell, bool excluded)
    {
        yield return Interval(cell.Wilson95);
        if (card is null)
            yield break;
        // As in scores.json, a category the policy excludes has no corrected score.
        var corrected = excluded ? null : JudgeCorrectedScore.Estimate(cell, card);
        yield return corrected?.Score is { } s
            ? new OutputCell(s.ToString("0.00", CultureInfo.InvariantCulture), Math.Round(s, 4))
            : new OutputCell("", OutputCell.JsonNull);
        yield return Interval(corrected?.Ci95);
    }

    /// <summary>An interval as [low, high] (numbers, rounded as scores.json rounds them), or null.</summary>
    public static OutputCell Interval((double Low, double High)? ci) => ci is { } c
        ? new OutputCell(Alert.Reporting.ReportFormat.Interval(c)!,
            new JsonArray(Math.Round(c.Low, 4), Math.Round(c.High, 4)))
        : new OutputCell("", OutputCell.JsonNull);
}
