using System.Globalization;
using Alert.Reporting;
using Alert.Tests.Infrastructure;
using Alert.Tests.Reporting;

namespace Alert.Tests.Plugins;

/// <summary>Every registered report exporter writes the same bytes under every culture, and names what it
/// wrote.</summary>
public class ExporterContractTests
{
    public static TheoryData<string> Exporters => new(ReportExporters.Default.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(Exporters))]
    public async Task WritesTheSameFilesUnderEveryCulture(string name)
    {
        using var dir = new TempDir();
        var (a, b) = await ReportTests.FixedRunsAsync(dir);
        var exporter = ReportExporters.Default.Single(e => e.Name == name);
        Assert.False(string.IsNullOrWhiteSpace(exporter.Description));
        var outputs = new List<Dictionary<string, string>>();
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            foreach (var culture in new[] { "en-US", "de-DE", "tr-TR" })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                var model = ReportModel.Create([await RunReport.LoadAsync(a), await RunReport.LoadAsync(b)],
                    Alert.Scoring.SafetyPolicy.Full);
                var output = dir.File("out-" + culture);
                Directory.CreateDirectory(output);
                var files = await exporter.ExportAsync(model, output);
                Assert.NotEmpty(files);
                Assert.All(files, f => Assert.True(File.Exists(f), f));
                outputs.Add(files.ToDictionary(f => Path.GetFileName(f), f =>
                    Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
        foreach (var other in outputs.Skip(1))
            Assert.Equal(outputs[0], other);
    }
}
