using System.Globalization;

namespace Alert.Cli.Infrastructure;

/// <summary>
/// <c>--hedge-rate R|auto</c>, as <c>alert run</c> and <c>alert attack</c> read it: 'auto' hedges self-hosted servers
/// only
/// (a hosted API bills the second request), and never under a request or cost budget, which counts requests.
/// </summary>
internal static class HedgeRateOption
{
    public const string Auto = "auto";

    public const string Error = "--hedge-rate must be auto or a share between 0 and 1 (e.g. 0.05)";

    public static bool IsValid(string value) =>
        value == Auto || (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
            && rate is >= 0 and <= 1);

    /// <summary>The share to hedge for a target spec on these servers.</summary>
    public static double Resolve(string value, string target, IReadOnlyList<string> servers, bool budgeted) =>
        value switch
        {
            Auto when budgeted => 0,
            Auto when target.StartsWith("openai:", StringComparison.Ordinal) && servers.Count == 0 => 0,
            Auto => Targets.TargetOptions.Default.MaxHedgeRate,
            var r => double.Parse(r, CultureInfo.InvariantCulture),
        };
}
