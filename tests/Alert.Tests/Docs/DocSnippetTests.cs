using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alert.Tests.Docs;

/// <summary>Every <c>csharp</c> code block in the README, CONTRIBUTING and docs/ compiles against the library, as a
/// program would.</summary>
public partial class DocSnippetTests
{
    // What a new console project's implicit usings give.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in DocFiles())
        {
            var count = CSharpBlock().Matches(File.ReadAllText(Path.Combine(Root, file)).ReplaceLineEndings("\n"))
                .Count;
            for (var i = 0; i < count; i++)
                data.Add(file, i);
        }
        return data;
    }

    [Fact]
    public void TheDocsHaveSnippetsToCompile() =>
        Assert.True(Snippets().Count >= 5, $"{Snippets().Count} snippets found");

    [Theory]
    [MemberData(nameof(Snippets))]
    public void SnippetCompiles(string file, int index)
    {
        var code = Snippet(file, index);
        var (assembly, errors) = Emit(file, code);
        Assert.True(assembly is not null, $"{file} snippet {index + 1}:\n{string.Join("\n", errors)}\n---\n{code}");
    }

    /// <summary>The <paramref name="index"/>th <c>csharp</c> block of a doc file.</summary>
    internal static string Snippet(string file, int index) =>
        CSharpBlock().Matches(File.ReadAllText(Path.Combine(Root, file))
            .ReplaceLineEndings("\n"))[index].Groups[1].Value;

    /// <summary>A snippet compiled as a console program: its assembly, or null and the errors.</summary>
    internal static (byte[]? Assembly, IReadOnlyList<string> Errors) Emit(string file, string code)
    {
        var compilation = CSharpCompilation.Create("snippet",
            [CSharpSyntaxTree.ParseText(code, path: file), CSharpSyntaxTree.ParseText(ImplicitUsings)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication,
                nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        var emitted = compilation.Emit(output);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())
            .ToList();
        return (emitted.Success ? output.ToArray() : null, errors);
    }

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("Alert.Tests", StringComparison.Ordinal))
            .DistinctBy(Path.GetFileName)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList());

    private static IEnumerable<string> DocFiles() =>
        new[] { "README.md", "CONTRIBUTING.md" }.Where(f => File.Exists(Path.Combine(Root, f)))
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(f => Path.GetRelativePath(Root, f))
                .Order(StringComparer.Ordinal));

    private static string Root => Alert.Tests.Infrastructure.CliHarness.RepoRoot;
}
