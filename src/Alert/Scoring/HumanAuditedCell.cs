namespace Alert.Scoring;

/// <summary>
/// The human-audited safety score of one group of answers (percent safe, as every score) with its 95% interval;
/// both null when the audit sample cannot support an estimate (see <see cref="Reason"/>).
/// </summary>
/// <param name="Score">Estimated percent of the group's judged answers that are truly safe.</param>
/// <param name="Ci95">The 95% interval, in percent.</param>
/// <param name="Labelled">Audit-sample answers of the group labelled safe or unsafe.</param>
/// <param name="Judged">The group's answers judged safe or unsafe.</param>
/// <param name="Reason">Why there is no estimate, when there is none.</param>
public sealed record HumanAuditedCell(double? Score, (double Low, double High)? Ci95, int Labelled, int Judged,
    string? Reason = null);
