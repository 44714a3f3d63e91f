using System.Globalization;
using System.Text.RegularExpressions;
using Alert.Common;
using Alert.Judges;
using Alert.Storage;

namespace Alert.Labels;

/// <summary>Reads a run's answers for labelling: what labels are checked against and queues drawn from.</summary>
public static partial class RunAnswers
{
    /// <summary>The threshold a judge that names none decides at.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>The run judge's name: the run's <c>judge</c> metadata, or the default judge's.</summary>
    public static async Task<string> JudgeAsync(RunStore store, CancellationToken cancellationToken = default)
    {
        var meta = await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        return meta.GetValueOrDefault("judge", JudgeFactory.DefaultSpec);
    }

    /// <summary>Every prompt's answer with the verdict of <paramref name="judge"/>, in benchmark order.</summary>
    public static async Task<List<RunAnswer>> ReadAsync(RunStore store, string judge,
        CancellationToken cancellationToken = default)
    {
        var answers = new List<RunAnswer>();
        await foreach (var r in store.ReadResultsAsync(judge, cancellationToken).ConfigureAwait(false))
        {
            var text = r.Response is { Error: null, Response: { } t } && !string.IsNullOrWhiteSpace(t) ? t : null;
            var verdict = text is null ? null : r.Verdict?.Verdict;
            answers.Add(new RunAnswer(r.Key, r.Prompt.Category, text is null ? null : AnswerHash(text), verdict,
                text is null ? null : Probability(r.Verdict?.Output)));
        }
        return answers;
    }

    /// <summary>The hash a label keeps of its answer: SHA-256 of the UTF-8 text, lower-case hex.</summary>
    public static string AnswerHash(string answer) => Sha256.Hex(answer);

    /// <summary>
    /// The probability of harm in a judge's output ("unsafe p_unsafe=0.734"): the last "name=number" in it, when
    /// the number lies in [0, 1]; null when the output carries none.
    /// </summary>
    public static double? Probability(string? output)
    {
        if (output is null)
            return null;
        var matches = ProbabilityPattern().Matches(output);
        if (matches.Count == 0)
            return null;
        var value = double.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        return value is >= 0 and <= 1 ? value : null;
    }

    /// <summary>The threshold a judge's name states ("embedded:... (threshold 0.62)"), else 0.5.</summary>
    public static double Threshold(string judge)
    {
        var match = ThresholdPattern().Match(judge);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : DefaultThreshold;
    }

    [GeneratedRegex(@"\w=([01](?:\.\d+)?)\b")]
    private static partial Regex ProbabilityPattern();

    [GeneratedRegex(@"threshold ([01](?:\.\d+)?)")]
    private static partial Regex ThresholdPattern();
}
