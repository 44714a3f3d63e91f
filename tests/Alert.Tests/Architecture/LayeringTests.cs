using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Arch = ArchUnitNET.Domain.Architecture;

namespace Alert.Tests.Architecture;

/// <summary>
/// The library's namespaces form layers: each depends only on those below it, so no two namespaces depend on each
/// other. Checked over the core and the plugin packages, whose types join the namespaces they extend.
/// </summary>
public class LayeringTests
{
    /// <summary>Lowest first; a namespace's sub-namespaces belong to its layer.</summary>
    public static readonly string[][] Layers =
    [
        ["Alert", "Alert.Common", "Alert.Taxonomy", "Alert.Plugins"],
        ["Alert.Attacks"],
        ["Alert.Benchmark"],
        ["Alert.Caching"],
        ["Alert.Targets"],
        ["Alert.Judges"],
        ["Alert.Classification"],
        ["Alert.Guards"],
        ["Alert.Storage"],
        ["Alert.Labels"],
        ["Alert.Scoring"],
        ["Alert.Reporting", "Alert.Preferences"],
        ["Alert.Running"],
        ["Alert.RedTeaming"],
    ];

    private static readonly Lazy<Arch> Library = new(() => new ArchLoader().LoadAssemblies(
        typeof(AlertException).Assembly,
        typeof(Alert.Judges.Embedded.EmbeddedJudge).Assembly,
        typeof(Alert.Targets.Providers.GgufProvider).Assembly,
        typeof(Alert.Reporting.ChartExporter).Assembly).Build());

    public static TheoryData<int> LayerIndexes() => new(Enumerable.Range(0, Layers.Length - 1));

    [Theory]
    [MemberData(nameof(LayerIndexes))]
    public void ALayerDependsOnlyOnTheLayersBelowIt(int layer)
    {
        var above = Layers.Skip(layer + 1).SelectMany(l => l).ToArray();
        Types().That().ResideInNamespaceMatching(Pattern(Layers[layer]))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Pattern(above)))
            .Because($"{string.Join(", ", Layers[layer])} are below {string.Join(", ", above)}")
            .Check(Library.Value);
    }

    [Fact]
    public void EveryLibraryNamespaceHasALayer()
    {
        var all = Layers.SelectMany(l => l).ToArray();
        var unplaced = Library.Value.Namespaces.Select(n => n.FullName)
            .Where(n => n.StartsWith("Alert", StringComparison.Ordinal)
                && Library.Value.Types.Any(t => t.Namespace.FullName == n))
            .Where(n => !all.Any(l => n == l || (l != "Alert" && n.StartsWith(l + ".", StringComparison.Ordinal))))
            .ToList();
        Assert.True(unplaced.Count == 0, "namespaces without a layer: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void TheRuleSeesADependencyUpwards()
    {
        // Running uses Storage: the rule, turned around, must fail, or the theory above proves nothing.
        var upside = Types().That().ResideInNamespaceMatching(Pattern(["Alert.Running"]))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Pattern(["Alert.Storage"])));
        Assert.False(upside.HasNoViolations(Library.Value));
    }

    /// <summary>The namespaces and their sub-namespaces (the root <c>Alert</c> alone).</summary>
    private static string Pattern(IEnumerable<string> namespaces) =>
        "^(" + string.Join("|", namespaces.Select(
            n => n == "Alert" ? @"Alert" : System.Text.RegularExpressions.Regex.Escape(n) + @"(\..+)?")) + ")$";
}
