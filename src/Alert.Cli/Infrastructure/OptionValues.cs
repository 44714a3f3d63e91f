using System.Globalization;
using System.Reflection;
using Spectre.Console.Cli;

namespace Alert.Cli.Infrastructure;

/// <summary>
/// Refuses <c>-</c> (stdout) as a place to write (<c>--out</c>, <c>--cache</c>). Checks numeric option values before
/// parsing, so that a bad one is a usage error naming the option, what was given
/// and what is expected (Spectre's own says "Failed to convert 'abc' to Nullable`1"). The options come from the
/// settings classes' <see cref="CommandOptionAttribute"/>s, so a new option is checked without touching this.
/// </summary>
internal static class OptionValues
{
    private static readonly Lazy<Dictionary<string, bool>> Numeric = new(FindNumericOptions);

    /// <summary>The first bad numeric value among <paramref name="args"/>, as a message; null when all are
    /// fine.</summary>
    public static string? Error(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                continue;
            var equals = args[i].IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? args[i][2..] : args[i][2..equals];
            // A lone '-' arrives joined ('--out=-', StandardInputArguments): as a place to write, it made a file
            // named '-'. Stdout carries the tables and summaries, so the rows never go there.
            if (name is "out" or "cache" && equals >= 0 && args[i][(equals + 1)..] == "-")
                return $"--{name} -: writing to stdout is not supported (it carries the table and summary); " +
                    $"give a path, e.g. --{name} {(name == "out" ? "rows.jsonl" : "cache-dir")}";
            if (!Numeric.Value.TryGetValue(name, out var fractional))
                continue;
            var value = equals >= 0 ? args[i][(equals + 1)..] : i + 1 < args.Count ? args[i + 1] : null;
            if (value is null)
                continue; // Spectre says the value is missing.
            if (fractional && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return $"--{name}: '{value}' is not a number (write decimals with a '.', e.g. --{name} 0.15)";
            if (!fractional && !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                return $"--{name}: '{value}' is not a whole number (e.g. --{name} 100)";
        }
        return null;
    }

    /// <summary>Long option names of numeric options: true where a fraction is allowed.</summary>
    private static Dictionary<string, bool> FindNumericOptions()
    {
        var options = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var property in typeof(OptionValues).Assembly.GetTypes()
                     .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
                     .SelectMany(t => t.GetProperties(
                         BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option)
                continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            bool? fractional = type == typeof(int) || type == typeof(long) ? false
                : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? true
                : null;
            if (fractional is not { } f)
                continue;
            // The same name in two commands: a fraction allowed in either is allowed.
            foreach (var name in option.LongNames)
                options[name] = options.GetValueOrDefault(name) || f;
        }
        return options;
    }
}
