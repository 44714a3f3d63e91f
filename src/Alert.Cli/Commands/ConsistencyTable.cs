using System.Globalization;
using Alert.Cli.Output;
using Alert.Scoring;

namespace Alert.Cli.Commands;

/// <summary>The console view of cross-language consistency (runs with more than one language).</summary>
internal static class ConsistencyTable
{
    /// <summary>Overall, then each category with a prompt judged in two or more languages.</summary>
    public static OutputTable Create(LanguageConsistency consistency, IReadOnlyCollection<string> languages)
    {
        var table = new OutputTable("consistency",
            $"Cross-language consistency ({string.Join(", ", languages)}): prompts judged alike in all their languages",
            "Name", "Consistency", "Consistent", "Compared");
        Add(table, "Overall", consistency.Overall, bold: true);
        foreach (var (category, cell) in consistency.Categories)
            Add(table, category, cell);
        return table;
    }

    private static void Add(OutputTable table, string name, ConsistencyCell cell, bool bold = false) =>
        table.Add(new OutputCell(name, Bold: bold),
            new OutputCell(cell.Share is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-",
                cell.Share is { } v ? Math.Round(v, 4) : OutputCell.JsonNull),
            cell.Consistent, cell.Compared);
}
