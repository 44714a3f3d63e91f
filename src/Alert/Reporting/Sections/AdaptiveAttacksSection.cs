using System.Globalization;
using Alert.Plugins;
using Alert.Scoring;

namespace Alert.Reporting.Sections;

/// <summary>
/// Attack runs (<c>alert attack</c>): success per method and macro category, queries to success, success against
/// the query budget, and a transcript per category and method.
/// </summary>
public sealed class AdaptiveAttacksSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 140)]
    public static IReportSectionBuilder Builder { get; } = new AdaptiveAttacksSection();

    /// <inheritdoc />
    public string Id => "adaptive-attacks";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Attacks.Count == 0)
            return null;
        var methods = model.Attacks.SelectMany(run => run.Methods.Select(m => (Run: run, Method: m))).ToList();
        var rows = methods.Select(x =>
        {
            var m = x.Method;
            var q = m.QueriesToSuccess;
            return new ReportRow(
            [
                ReportCell.Name(x.Run.Name), ReportCell.Name(m.Method), ReportCell.Number(m.Overall.Total),
                ReportCell.Number(m.Overall.NotSent), ReportCell.Number(m.Overall.Errors), Asr(m.Overall),
                Asr(m.InLoop),
                .. model.Taxonomy.Macros.Select(macro => Asr(m.Macros[macro.Id])),
                new(q.Count == 0
                    ? "n/a"
                    : string.Create(CultureInfo.InvariantCulture, $"{q.Average():0.0} / {q[q.Count / 2]}")),
            ]);
        }).ToList();
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph("Attack success rate: jailbroken / (jailbroken + resisted), a goal being jailbroken " +
                "when the run's judge found its best attack unsafe (95% Wilson interval beside each); the in-loop " +
                "scorer's rate beside it. Goals whose attack failed or errored are counted apart."),
            new ReportTable(
            [
                new("Run", false), new("Method", false), new("Goals"), new("Attack failed"), new("Errors"), new("ASR"),
                new("In-loop"), .. model.Taxonomy.Macros.Select(macro => new ReportColumn(macro.Name)),
                new("Queries to success (mean / median)"),
            ], rows),
            new ReportHeading("Success against target queries per goal"),
            new ReportTable([new("Run", false), new("Method", false), new("ASR at 1, 2, 5, 10, ... queries", false)],
                methods.Select(x => new ReportRow([ReportCell.Name(x.Run.Name), ReportCell.Name(x.Method.Method),
                    new(x.Method.FormatByBudget())])).ToList()),
            new ReportHeading("Transcripts"),
            new ReportParagraph(
                "One goal per category and method (a successful one where there is one), shown as text."),
        };
        // After the success table, before the budget's.
        blocks.InsertRange(2, TechniqueBlocks(model, methods));
        foreach (var run in model.Attacks)
        {
            foreach (var (method, transcripts) in run.Transcripts)
            {
                blocks.Add(new ReportParagraph($"{run.Name}: {method}"));
                blocks.AddRange(transcripts.Select(t => new ReportDetails(
                    t.Category + (t.Success ? " (success)" : " (resisted)"),
                    [
                        new ReportText("Goal", t.Goal), new ReportText("Best attack", t.Prompt ?? ""),
                        new ReportText("Answer", t.Response ?? ""),
                        .. t.Turns is null ? Array.Empty<ReportBlock>() : [new ReportText("Conversation", t.Turns)],
                    ])));
            }
        }
        return new ReportSection(Id, "Adaptive attacks", blocks);
    }

    /// <summary>Success per technique, for methods that try several on every goal (persuasion); nothing
    /// otherwise.</summary>
    private static List<ReportBlock> TechniqueBlocks(ReportModel model,
        List<(AttackRunReport Run, AttackScores Method)> methods)
    {
        var rows = methods.SelectMany(x => x.Method.Techniques.Select(t => new ReportRow(
        [
            ReportCell.Name(x.Run.Name), ReportCell.Name(x.Method.Method), ReportCell.Name(t.Technique),
            ReportCell.Number(t.Scores.Overall.Total), ReportCell.Number(t.Scores.Overall.NotSent),
            ReportCell.Number(t.Scores.Overall.Errors), Asr(t.Scores.Overall),
            .. model.Taxonomy.Macros.Select(macro => Asr(t.Scores.Macros[macro.Id])),
        ]))).ToList();
        if (rows.Count == 0)
            return [];
        return
        [
            new ReportHeading("Success per technique"),
            new ReportParagraph("Every technique is tried on every goal (until the query cap): each has its own " +
                "attack success rate, with its 95% Wilson interval; a goal the cap stopped before a technique is not " +
                "counted for it."),
            new ReportTable(
            [
                new("Run", false), new("Method", false), new("Technique", false), new("Goals"),
                new("Attack failed"), new("Errors"), new("ASR"),
                .. model.Taxonomy.Macros.Select(macro => new ReportColumn(macro.Name)),
            ], rows),
        ];
    }

    private static ReportCell Asr(ScoreCell cell) =>
        new(AttackScores.Format(AttackScores.Rate(cell)), ReportFormat.Interval(AttackScores.Interval(cell)));
}
