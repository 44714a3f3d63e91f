using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Alert.Benchmark.Hub;

/// <summary>
/// Reads the <c>configs:</c> a dataset card (the repository's <c>README.md</c>) declares in its YAML front matter,
/// in the forms Hugging Face <c>datasets</c> accepts: <c>data_files</c> as one path, a list of paths, a list of
/// <c>{split, path}</c> (path one or a list), or a map of split to path(s). Other keys are ignored; a shape that
/// cannot be read is one line naming the card's line.
/// </summary>
internal static class DatasetCardReader
{
    private const string DefaultSplit = "train";

    /// <summary>The configs of the card <paramref name="text"/> (none without front matter or configs).</summary>
    /// <param name="text">The card's content.</param>
    /// <param name="name">How to name the card in messages (e.g. <c>README.md of dataset OWNER/NAME</c>).</param>
    public static IReadOnlyList<DatasetCardConfig> Read(string text, string name)
    {
        if (FrontMatter(text) is not { } yaml)
            return [];
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // The front matter starts on the card's second line.
            throw new AlertFormatException(name, e.Start.Line + 1, null, $"not valid YAML front matter ({Reason(e)})");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || Child(root, "configs") is not { } configs)
            return [];
        if (configs is not YamlSequenceNode list)
            throw Bad(name, configs, "configs", "expected a list of configs");
        return [.. list.Children.Select(c => Config(c, name))];
    }

    private static string? FrontMatter(string text)
    {
        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        if (reader.ReadLine()?.TrimEnd() != "---")
            return null;
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.TrimEnd() == "---")
                return string.Join('\n', lines);
            lines.Add(line);
        }
        return null; // never closed: not front matter
    }

    private static DatasetCardConfig Config(YamlNode node, string name)
    {
        if (node is not YamlMappingNode config)
            throw Bad(name, node, "configs", "expected a config (config_name, data_files)");
        var configName = Child(config, "config_name") is { } n ? Scalar(n, name, "config_name") : "default";
        var isDefault = Child(config, "default") is { } d
            && string.Equals(Scalar(d, name, "default"), "true", StringComparison.OrdinalIgnoreCase);
        var dataDir = Child(config, "data_dir") is { } dir ? Scalar(dir, name, "data_dir") : null;
        var splits = Child(config, "data_files") is { } files ? DataFiles(files, name) : [];
        return new DatasetCardConfig(configName, isDefault, dataDir, splits, node.Start.Line + 1);
    }

    private static List<DatasetCardSplit> DataFiles(YamlNode node, string name)
    {
        switch (node)
        {
            case YamlScalarNode:
                return [new DatasetCardSplit(DefaultSplit, [Scalar(node, name, "data_files")])];
            case YamlMappingNode map:
                return [.. map.Children.Select(p =>
                    new DatasetCardSplit(Scalar(p.Key, name, "data_files"), Paths(p.Value, name, "data_files")))];
            case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                return [new DatasetCardSplit(DefaultSplit, Paths(list, name, "data_files"))];
            case YamlSequenceNode list:
                var splits = new List<DatasetCardSplit>();
                foreach (var item in list.Children)
                {
                    if (item is not YamlMappingNode entry || Child(entry, "path") is not { } path)
                        throw Bad(name, item, "data_files", "expected a path, or 'split' and 'path'");
                    var split = Child(entry, "split") is { } s ? Scalar(s, name, "split") : DefaultSplit;
                    splits.Add(new DatasetCardSplit(split, Paths(path, name, "path")));
                }
                return splits;
            default:
                throw Bad(name, node, "data_files", "expected a path, a list, or a map of split to paths");
        }
    }

    private static List<string> Paths(YamlNode node, string name, string field) => node switch
    {
        YamlScalarNode => [Scalar(node, name, field)],
        YamlSequenceNode list => [.. list.Children.Select(c => Scalar(c, name, field))],
        _ => throw Bad(name, node, field, "expected a path or a list of paths"),
    };

    private static string Scalar(YamlNode node, string name, string field) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value
        : throw Bad(name, node, field, "expected a non-empty value");

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static AlertFormatException Bad(string name, YamlNode node, string field, string problem) =>
        new(name, node.Start.Line + 1, field, problem);

    // YamlDotNet's message starts with the marks "(Line: 5, Col: 2, Idx: 40) - (...): "; the line is given already.
    private static string Reason(YamlException e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        var marks = message.IndexOf("): ", StringComparison.Ordinal);
        return (marks >= 0 ? message[(marks + 3)..] : message).Trim().TrimEnd('.');
    }
}
