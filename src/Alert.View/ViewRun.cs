using Alert.Reporting;
using Alert.Scoring;

namespace Alert.View;

/// <summary>One run the view serves: a benchmark run (scores and its index) or an attack run.</summary>
/// <param name="Number">Its position on the command line, from 0 (how pages name it).</param>
/// <param name="Title">Its target, with its directory's name when two runs share a target.</param>
/// <param name="Labels">Labelling of a benchmark run's answers (null for an attack run).</param>
internal sealed record ViewRun(int Number, string Directory, string Title, RunReport? Report, ViewIndex? Index,
    JudgeCorrectedScore? Corrected, AttackRunReport? Attack, LabelDesk? Labels = null)
{
    /// <summary>The run's judge.</summary>
    public string Judge => Report?.Judge ?? Attack?.Judge ?? "";

    /// <summary>Whether this is an attack run (<c>alert attack</c>).</summary>
    public bool IsAttack => Attack is not null;
}
