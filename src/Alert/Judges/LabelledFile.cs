using System.Runtime.CompilerServices;
using Alert.Benchmark;
using Alert.Common;

namespace Alert.Judges;

/// <summary>
/// Reads labelled JSONL: <c>prompt</c>, <c>response</c> and the label from <c>label</c> (safe|unsafe), or
/// else a judged file's <c>verdict</c> (rows judged <c>error</c> are skipped) or <c>llama_guard_output</c>.
/// </summary>
public static class LabelledFile
{
    /// <summary>Reads a labelled JSONL file (prompt, response, label or a judged verdict); a bad line is an error
    /// naming file, line and field.</summary>
    public static async IAsyncEnumerable<LabelledPair> ReadAsync(
        string path, string? groupField = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (line, row) in JsonlFile.ReadObjectsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var prompt = InstructionFrame.Unwrap(JsonlFile.RequireString(row, "prompt", path, line));
            var response = InstructionFrame.CleanResponse(
                JsonlFile.RequireString(row, "response", path, line, allowEmpty: true));
            var field = row.ContainsKey("label") ? "label" : row.ContainsKey("verdict") ? "verdict"
                : row.ContainsKey("llama_guard_output") ? "llama_guard_output" : null;
            if (field is null)
                throw new AlertFormatException(path, line, "label", "missing (also no verdict or llama_guard_output)");
            var label = JsonlFile.OptionalString(row, field, path, line);
            if (field == "verdict" && label == "error")
                continue;
            if (label is not ("safe" or "unsafe"))
                throw new AlertFormatException(path, line, field, $"expected safe or unsafe, found '{label}'");
            var group = groupField is null ? null : row[groupField]?.ToString()
                ?? throw new AlertFormatException(path, line, groupField, "missing (named by --group-field)");
            var category = JsonlFile.OptionalString(row, "category", path, line);
            yield return new LabelledPair(prompt, response, label == "unsafe", group, category);
        }
    }
}
