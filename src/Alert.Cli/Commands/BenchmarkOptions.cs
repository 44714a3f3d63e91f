using Alert.Benchmark.Hub;
using Alert.Benchmark.Sources;
using Alert.Benchmark.Tables;
using Alert.Cli.Infrastructure;

namespace Alert.Cli.Commands;

/// <summary>The flags <c>--prompt-field</c>, <c>--category-field</c> and <c>--lang</c> as a source context.</summary>
public static class BenchmarkOptions
{
    /// <summary>What a benchmark source gets: the column choices and the environment's Hub settings.</summary>
    public static BenchmarkSourceContext Context(
        CliEnvironment env, string? promptField, string? categoryField, string? lang) =>
        new()
        {
            Columns = new DatasetColumns
            {
                PromptField = promptField,
                CategoryField = categoryField,
                Langs = Langs(lang),
            },
            Hub = HubSettings.FromEnvironment(env.Variable),
        };

    /// <summary>The languages of <c>--lang</c>: comma-separated tags.</summary>
    public static IReadOnlyList<string> Langs(string? lang) =>
        lang is null
            ? []
            : [.. lang.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    /// <summary>What is wrong with a <c>--lang</c> value, if anything.</summary>
    public static string? LangError(string? lang) =>
        lang is not null && (Langs(lang).Count == 0 || Langs(lang).Any(l => !l.All(IsTagChar)))
            ? $"--lang: '{lang}' is not a comma-separated list of language tags (e.g. fr,de)"
            : null;

    private static bool IsTagChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';
}
