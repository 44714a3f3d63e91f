using System.Text.RegularExpressions;

namespace Alert.Datasets;

public static partial class Repo
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alert.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? Directory.GetCurrentDirectory();
        }
    }

    /// <summary>Rows of a CSV file (RFC 4180) by column name.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path) =>
        Alert.Classification.CsvFile.ReadRecords(path);

    public static string[] Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();

    [GeneratedRegex("[a-z0-9']+")]
    private static partial Regex WordPattern();
}
