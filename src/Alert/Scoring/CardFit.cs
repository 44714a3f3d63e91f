using System.Globalization;
using Alert.Judges;

namespace Alert.Scoring;

/// <summary>
/// Whether a judge card fits the run it corrects. A card measured on other answers (its sets) may not describe the
/// judge on this run's: with an audit sample, the card's sensitivity or specificity outside the run's audited 95%
/// interval says it does not; without one, nothing says it does.
/// </summary>
/// <param name="Matches">True: the card lies within the audited intervals; false: outside; null: unchecked.</param>
/// <param name="Note">One sentence for files and reports.</param>
public sealed record CardFit(bool? Matches, string Note)
{
    /// <summary>How <paramref name="card"/> fits the run, checked against its audit when there is one.</summary>
    public static CardFit Check(JudgeCard card, HumanAuditedScore? audited)
    {
        var pooled = card.Pooled;
        var sets = string.Join(", ", card.Sets.Select(s => s.Name));
        if (audited is null || (audited.SensitivityCi95 is null && audited.SpecificityCi95 is null))
            return new CardFit(null,
                $"card from {sets} answers, unchecked on this run's (no audit sample: alert labels import --audit)");
        var outside = new List<string>();
        Compare("sensitivity", pooled.Sensitivity, audited.SensitivityCi95);
        Compare("specificity", pooled.Specificity, audited.SpecificityCi95);
        return outside.Count == 0
            ? new CardFit(true, $"the card ({sets}) lies within this run's audited sensitivity and specificity")
            : new CardFit(false, $"the card comes from answers unlike this run's: its {string.Join(" and ", outside)} "
                + $"(measured on {sets}); prefer the human-audited estimate");

        void Compare(string name, double? value, (double Low, double High)? ci)
        {
            if (value is { } v && ci is { } c && (v < c.Low || v > c.High))
                outside.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{name} {v:0.00} lies outside the run's audited {c.Low:0.00}-{c.High:0.00}"));
        }
    }
}
