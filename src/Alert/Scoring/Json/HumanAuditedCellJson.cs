using System.Text.Json.Serialization;

namespace Alert.Scoring;

/// <summary>One human-audited score as written: percent safe and its 95% interval, or why there is none.</summary>
internal sealed record HumanAuditedCellJson(double? Score, double[]? Ci95, int Labelled, int Judged,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason)
{
    /// <summary>The cell as written.</summary>
    public static HumanAuditedCellJson From(HumanAuditedCell cell) => new(HumanAuditedJson.Round(cell.Score),
        HumanAuditedJson.Interval(cell.Ci95), cell.Labelled, cell.Judged, cell.Reason);
}
