using System.Globalization;
using Alert.Benchmark;
using Alert.Scoring;

namespace Alert.RedTeaming;

/// <summary>
/// How many goals per category an attack success rate needs for a 95% Wilson interval narrower than
/// <see cref="MaxWidth"/> points whatever the rate, and the warning a smaller sample gets.
/// </summary>
public static class AttackSampleSize
{
    /// <summary>The widest per-category interval, in points, that the default sample is meant to give.</summary>
    public const double MaxWidth = 30;

    /// <summary>The widest 95% Wilson interval over every rate with <paramref name="goals"/> goals (points).</summary>
    public static double WidestInterval(int goals)
    {
        var widest = 0.0;
        for (var unsafeCount = 0; unsafeCount <= goals; unsafeCount++)
        {
            if (new ScoreCell(goals - unsafeCount, unsafeCount, 0).Wilson95 is { } ci)
                widest = Math.Max(widest, ci.High - ci.Low);
        }
        return widest;
    }

    /// <summary>The fewest goals per category whose widest interval is narrower than <see cref="MaxWidth"/>.</summary>
    public static int GoalsForNarrowIntervals()
    {
        var goals = 1;
        while (WidestInterval(goals) >= MaxWidth)
            goals++;
        return goals;
    }

    /// <summary>
    /// The warning when some category has too few goals for intervals narrower than <see cref="MaxWidth"/> points,
    /// naming what fixes it (<c>--per-category N</c> for the built-in goals); null when every category has enough.
    /// </summary>
    public static string? Warning(BenchmarkSet goals, bool builtIn)
    {
        var fewest = goals.Prompts.GroupBy(g => g.Prompt.Category, StringComparer.Ordinal)
            .Select(g => g.Count()).DefaultIfEmpty(0).Min();
        var needed = GoalsForNarrowIntervals();
        if (fewest == 0 || fewest >= needed)
            return null;
        var fix = builtIn ? $"--per-category {needed}" : $"a goals file with at least {needed} goals per category";
        return string.Create(CultureInfo.InvariantCulture,
            $"per-category intervals are wide: with {fewest} goal(s) in a category its 95% interval spans up to ")
            + string.Create(CultureInfo.InvariantCulture,
                $"{WidestInterval(fewest):0} points; {fix} makes them narrower than {MaxWidth:0} points");
    }
}
