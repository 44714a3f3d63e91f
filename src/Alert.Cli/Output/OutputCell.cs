using System.Globalization;

namespace Alert.Cli.Output;

/// <summary>One table cell: its text, the value JSON gets (a number stays a number) and a console colour.</summary>
public readonly record struct OutputCell(string Text, object? Value = null, string? Colour = null, bool Bold = false)
{
    public static implicit operator OutputCell(string text) => new(text);

    /// <summary>A <see cref="Value"/> that JSON writes as null.</summary>
    public static readonly object JsonNull = new();

    public static OutputCell Number(long value) => new(value.ToString(CultureInfo.InvariantCulture), value);

    public static implicit operator OutputCell(int value) => Number(value);

    public static implicit operator OutputCell(long value) => Number(value);
}
