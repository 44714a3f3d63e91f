using System.Text;
using Spectre.Console;

namespace Alert.Tests.Infrastructure;

/// <summary>A terminal of a given width (no colours), as a narrow window would be.</summary>
internal sealed class FixedWidthTerminal(TextWriter writer, int width) : IAnsiConsoleOutput
{
    public TextWriter Writer { get; } = writer;
    public bool IsTerminal => true;
    public int Width { get; } = width;
    public int Height => 40;

    public void SetEncoding(Encoding encoding)
    {
    }
}
